from . import test_ps_customer_level
from . import test_ps_crm_tour
