from . import ps_contract
