from . import test_ps_cost_category
from . import test_ps_expense_finance_tour
