from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import PsContractCase


@tagged("post_install", "-at_install")
class TestPsContractRpc(HttpCase, PsContractCase):
    """Refusals hold over RPC too: the web client is not the only way in."""

    def _call(self, model, method, ids, *args):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": [ids, *args],
                "kwargs": {"context": {"ps_contract_internal": True, "ps_internal": True}},
            },
        )

    def test_salesperson_cannot_approve_or_confirm_over_rpc(self):
        """Logged in as the salesperson, approving a request or confirming a
        collection through /web/dataset/call_kw (button or write, even with a
        forged context) fails and changes nothing."""
        contract = self._signed_contract()
        request = self._request(contract)
        request.action_submit()
        collection = self._collection(contract, 5000)
        self.authenticate(self.salesman.login, self.salesman.login)
        for method, args in (("action_approve", ()), ("write", ({"state": "approved"},))):
            with self.assertRaises(JsonRpcException, msg=method) as caught:
                self._call("ps.invoice.request", method, request.ids, *args)
            self.assertIn("AccessError", str(caught.exception))
        for method, args in (("action_confirm", ()), ("write", ({"state": "confirmed"},))):
            with self.assertRaises(JsonRpcException, msg=method) as caught:
                self._call("ps.contract.collection", method, collection.ids, *args)
            self.assertIn("AccessError", str(caught.exception))
        request.invalidate_recordset()
        collection.invalidate_recordset()
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(collection.state, "recorded")

    def test_finance_confirms_over_rpc(self):
        """The same call as finance goes through (the collection pays an invoice)."""
        contract = self._signed_contract()
        request = self._request(contract)
        request.action_submit()
        request.with_user(self.finance).action_approve()
        request.sudo().action_issue()
        collection = self._collection(contract, 5000)
        finance = new_test_user(
            self.env,
            login="ps_ct_rpc_finance",
            groups="base.group_user,ps_contract.group_ps_finance",
        )
        self.authenticate(finance.login, finance.login)
        self._call("ps.contract.collection", "action_confirm", collection.ids)
        collection.invalidate_recordset()
        self.assertEqual(collection.state, "confirmed")
