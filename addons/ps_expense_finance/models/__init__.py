from . import ps_cost_category
