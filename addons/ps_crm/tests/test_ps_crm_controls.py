"""Attacks on the sales controls as a hostile salesperson would try them: over
JSON-RPC, with every context key that ever let a write through. Each is
refused and leaves nothing changed."""

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .test_ps_ltc_gate import LtcGateCase

FORGED = {
    "ps_internal": True,
    "ps_skip_gates": True,
    "ps_owner_change": "claim",
    "skip_validation_check": True,
    "skip_check_state_condition": True,
}


@tagged("post_install", "-at_install")
class TestPsCrmControls(HttpCase, LtcGateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.ps_max_owned_customers = 1
        Partner = cls.env["res.partner"]
        cls.owned = Partner.with_user(cls.sales).create(
            {"name": "Owned Ltd", "is_company": True, "ps_is_customer": True}
        )
        cls.pooled = Partner.create(
            {"name": "Pooled Ltd", "is_company": True, "ps_is_customer": True, "user_id": False}
        )

    def _refused(self, model, method, args, context=None):
        self.authenticate(self.sales.login, self.sales.login)
        with self.assertRaises(JsonRpcException, msg=f"{model}.{method}"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": {"context": context or FORGED},
                },
            )

    def test_salesperson_cannot_approve_the_director_review_of_her_deal(self):
        """She ticks her checklist and asks for the deal approval, then approves
        the director's review herself and passes the gate: refused."""
        lead = self.lead.with_user(self.sales)
        lead.ps_gate_check_ids.done = True
        lead.action_ps_request_gate_approval()
        passage = lead.ps_gate_passage_ids.filtered(lambda p: p.gate_id == self.deal_gate)
        review = passage.review_ids
        self.assertEqual(review.reviewer_ids, self.director)
        self._refused("tier.review", "write", [review.ids, {"status": "approved"}])
        self._refused("tier.review", "unlink", [review.ids])
        self._refused(passage._name, "action_pass", [passage.ids])
        self._refused(passage._name, "write", [passage.ids, {"state": "passed"}])
        self._refused("crm.lead", "action_set_won", [lead.ids])
        for record in (review, passage, lead):
            record.invalidate_recordset()
        self.assertEqual((review.status, passage.state), ("pending", "draft"))
        self.assertEqual(lead.stage_id, self.new)
        self.assertTrue(lead.active)

    def test_forged_context_cannot_skip_the_gates(self):
        """Moving the opportunity to Won with the old test backdoor key (and
        every other) is refused while the checklist is incomplete."""
        self._refused("crm.lead", "write", [self.lead.ids, {"stage_id": self.won.id}])
        self.lead.invalidate_recordset()
        self.assertEqual(self.lead.stage_id, self.new)

    def test_forged_owner_change_cannot_claim_or_dump(self):
        """A salesperson at her claim limit takes a pool customer by writing its
        owner with ps_owner_change='claim', and dumps her own customer into the
        pool as if released by the job: both refused, no ownership log."""
        logs = (self.pooled | self.owned).ps_pool_log_ids
        self._refused("res.partner", "write", [self.pooled.ids, {"user_id": self.sales.id}])
        self._refused(
            "res.partner",
            "write",
            [self.owned.ids, {"user_id": False}],
            dict(FORGED, ps_owner_change="release"),
        )
        (self.pooled | self.owned).invalidate_recordset()
        self.assertFalse(self.pooled.user_id)
        self.assertEqual(self.owned.user_id, self.sales)
        self.assertEqual((self.pooled | self.owned).ps_pool_log_ids, logs)

    def test_oversized_input_is_refused_clearly(self):
        """A 3,000-character e-mail or name (past PostgreSQL's index limit) is
        refused with the field and the limit, not the database's error."""
        Partner = self.env["res.partner"].with_user(self.sales)
        for vals, field in (
            ({"email": "a" * 3000 + "@example.com"}, "e-mail"),
            ({"name": "Long " * 600}, "name"),
        ):
            with self.assertRaisesRegex(ValidationError, f"The {field} is too long"):
                Partner.create({"name": "Oversized", "is_company": True, **vals})
            with self.assertRaisesRegex(ValidationError, f"The {field} is too long"):
                self.owned.with_user(self.sales).write(vals)
        self.owned.invalidate_recordset()
        self.assertEqual(self.owned.name, "Owned Ltd")
