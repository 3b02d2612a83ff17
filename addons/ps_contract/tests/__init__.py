from . import test_ps_contract
from . import test_ps_contract_tour
