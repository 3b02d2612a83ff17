from . import test_demo_story
from . import test_ps_approval_item
from . import test_ps_cockpit
from . import test_ps_dashboard_tour
from . import test_ps_portfolio_xlsx
from . import test_ps_role_dashboards
from . import test_ps_role_home
