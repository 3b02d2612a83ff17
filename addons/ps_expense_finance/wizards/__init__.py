from . import ps_project_period_reopen
