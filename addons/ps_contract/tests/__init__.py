from . import test_ps_contract
from . import test_ps_contract_billing
from . import test_ps_contract_concurrency
from . import test_ps_contract_rpc
from . import test_ps_contract_tour
from . import test_ps_contract_deliverable
from . import test_ps_contract_brief
from . import test_ps_contract_money
