from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

SALES_GROUPS = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"


class LtcGateCase(TransactionCase):
    """A sales team with a checklist gate and a deal gate the director
    approves, a salesperson's opportunity at its first stage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = new_test_user(cls.env, login="ps_gate_sales", groups=SALES_GROUPS)
        cls.colleague = new_test_user(cls.env, login="ps_gate_colleague", groups=SALES_GROUPS)
        cls.director = new_test_user(
            cls.env,
            login="ps_gate_director",
            groups=SALES_GROUPS + ",sales_team.group_sale_manager",
        )
        cls.team = cls.env["crm.team"].create({"name": "Gate Team"})
        Stage = cls.env["crm.stage"]
        cls.new = Stage.create({"name": "G New", "sequence": 1001})
        cls.qualified = Stage.create({"name": "G Qualified", "sequence": 1002})
        cls.proposal = Stage.create({"name": "G Proposal", "sequence": 1003})
        cls.won = Stage.create({"name": "G Won", "sequence": 1004, "is_won": True})
        cls.quote_gate = cls.env["ps.ltc.gate"].create(
            {
                "name": "Opportunity to Quote",
                "gate_type": "opportunity_to_quote",
                "stage_id": cls.proposal.id,
                "team_ids": [(6, 0, cls.team.ids)],
                "item_ids": [
                    (0, 0, {"name": "Budget confirmed"}),
                    (0, 0, {"name": "Decision maker"}),
                ],
            }
        )
        cls.deal_gate = cls.env["ps.ltc.gate"].create(
            {
                "name": "Quote to Deal",
                "gate_type": "quote_to_deal",
                "stage_id": cls.won.id,
                "requires_approval": True,
                "team_ids": [(6, 0, cls.team.ids)],
                "item_ids": [(0, 0, {"name": "Solution reviewed"})],
            }
        )
        # the test's own approval rule only (demo data may define another)
        cls.env["tier.definition"].search([("model", "=", "ps.lead.gate.passage")]).active = False
        cls.env["tier.definition"].create(
            {
                "name": "Director approves deals",
                "model_id": cls.env.ref("ps_crm.model_ps_lead_gate_passage").id,
                "review_type": "individual",
                "reviewer_id": cls.director.id,
                "definition_domain": f"[('gate_id', '=', {cls.deal_gate.id})]",
            }
        )
        cls.lead = (
            cls.env["crm.lead"]
            .with_user(cls.sales)
            .create(
                {
                    "name": "Strategy study",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "user_id": cls.sales.id,
                    "stage_id": cls.new.id,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestLtcGates(LtcGateCase):
    def _check(self, lead, names):
        for check in lead.ps_gate_check_ids.filtered(lambda c: c.name in names):
            check.done = True

    def test_checklists_are_created_for_the_team_gates(self):
        lead = self.lead.with_user(self.sales)
        self.assertEqual(
            lead.ps_gate_check_ids.mapped("name"),
            ["Budget confirmed", "Decision maker", "Solution reviewed"],
        )
        other_team = self.env["crm.team"].create({"name": "No Gates Team"})
        other = self.env["crm.lead"].create(
            {"name": "Elsewhere", "type": "opportunity", "team_id": other_team.id}
        )
        self.assertFalse(other.ps_gate_check_ids)

    def test_unchecked_item_blocks_the_gate(self):
        lead = self.lead.with_user(self.sales)
        lead.stage_id = self.qualified  # before the gate: free
        self._check(lead, ["Budget confirmed"])
        with self.assertRaisesRegex(UserError, "Decision maker"):
            lead.stage_id = self.proposal
        self.assertEqual(lead.stage_id, self.qualified)
        # skipping stages does not skip the gate
        with self.assertRaisesRegex(UserError, "Opportunity to Quote"):
            lead.write({"stage_id": self.won.id})
        self._check(lead, ["Decision maker"])
        lead.stage_id = self.proposal
        self.assertEqual(lead.stage_id, self.proposal)
        passage = lead.ps_gate_passage_ids
        self.assertEqual((passage.gate_id, passage.state), (self.quote_gate, "passed"))
        check = lead.ps_gate_check_ids.filtered(lambda c: c.name == "Decision maker")
        self.assertEqual(check.done_user_id, self.sales)

    def test_form_cannot_move_past_an_incomplete_gate(self):
        with self.assertRaises(UserError), Form(self.lead.with_user(self.sales)) as form:
            form.stage_id = self.proposal

    def test_gate_with_approval_needs_the_reviewer(self):
        lead = self.lead.with_user(self.sales)
        self._check(lead, ["Budget confirmed", "Decision maker", "Solution reviewed"])
        lead.stage_id = self.proposal
        with self.assertRaisesRegex(UserError, "before it is approved"):
            lead.action_set_won()
        lead.action_ps_request_gate_approval()
        passage = lead.ps_gate_passage_ids.filtered(lambda p: p.gate_id == self.deal_gate)
        self.assertEqual(passage.state, "draft")
        self.assertEqual(passage.review_ids.reviewer_ids, self.director)
        with self.assertRaises(ValidationError):
            passage.with_user(self.sales).action_pass()
        passage.with_user(self.director).validate_tier()
        passage.with_user(self.sales).action_pass()
        self.assertEqual(passage.state, "passed")
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.won)

    def test_approval_request_needs_a_complete_checklist(self):
        lead = self.lead.with_user(self.sales)
        self._check(lead, ["Budget confirmed", "Decision maker"])
        with self.assertRaisesRegex(UserError, "Solution reviewed"):
            lead.action_ps_request_gate_approval()
        self.assertFalse(lead.ps_gate_passage_ids)

    def test_lead_to_opportunity_gate(self):
        gate = self.env["ps.ltc.gate"].create(
            {
                "name": "Qualify",
                "gate_type": "lead_to_opportunity",
                "team_ids": [(6, 0, self.team.ids)],
                "item_ids": [(0, 0, {"name": "Need confirmed"})],
            }
        )
        lead = (
            self.env["crm.lead"]
            .with_user(self.sales)
            .create({"name": "Inbound request", "type": "lead", "team_id": self.team.id})
        )
        with self.assertRaisesRegex(UserError, "Need confirmed"):
            lead.convert_opportunity(False)
        self._check(lead, ["Need confirmed"])
        lead.convert_opportunity(False)
        self.assertEqual(lead.type, "opportunity")
        self.assertIn(gate, lead.ps_gate_passage_ids.gate_id)

    def test_colleague_cannot_tick_my_checklist(self):
        check = self.lead.ps_gate_check_ids[:1]
        with self.assertRaises(AccessError):
            check.with_user(self.colleague).write({"done": True})
        with self.assertRaises(AccessError):
            self.env["ps.ltc.gate"].with_user(self.sales).create(
                {"name": "Mine", "gate_type": "lead_to_opportunity"}
            )
