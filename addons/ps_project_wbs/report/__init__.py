from . import ps_workload_report
from . import ps_project_phase_report
