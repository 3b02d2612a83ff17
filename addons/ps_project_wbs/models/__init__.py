from . import ps_spec
from . import ps_project_type
from . import ps_wbs_template
from . import project_task
from . import project_project
from . import ps_project_gate
from . import ps_project_deliverable
from . import account_analytic_line
