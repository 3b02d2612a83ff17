from . import ps_deliverable_reject_wizard
