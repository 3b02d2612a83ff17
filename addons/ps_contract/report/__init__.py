from . import ps_contract_receivable
