from . import ps_dashboard_xlsx
