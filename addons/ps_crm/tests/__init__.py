from . import test_ps_customer_level
from . import test_ps_customer
from . import test_ps_crm_tour
from . import test_ps_service_catalog
from . import test_ps_crm_catalog_tour
from . import test_ps_ltc_gate
from . import test_ps_customer_followup_access
from . import test_ps_customer_data
