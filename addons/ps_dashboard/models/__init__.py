from . import ps_approval_item
from . import ps_cockpit
from . import ps_portfolio_report
from . import res_users
