from . import test_ps_project_type
from . import test_ps_project_wbs_tour
from . import test_ps_wbs_template
from . import test_ps_project_gate
