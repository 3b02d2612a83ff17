from . import ps_project_type
from . import project_project
from . import ps_wbs_template
from . import ps_project_gate
