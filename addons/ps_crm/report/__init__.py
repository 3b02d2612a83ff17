from . import ps_service_sales_report
from . import ps_sales_kpi_report
