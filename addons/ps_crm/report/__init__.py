from . import ps_service_sales_report
