from . import ps_contract_terminate_wizard
