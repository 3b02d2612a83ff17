from . import ps_customer_level
