from . import ps_project_cost_ledger
from . import ps_project_pnl
from . import ps_project_ev_curve
