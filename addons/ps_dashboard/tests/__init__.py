from . import test_ps_cockpit
from . import test_ps_dashboard_tour
