from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ps_contract.tests.common import PsContractCase

from .common import PsFinanceCommon

FORGED = {"ps_internal": True, "skip_validation_check": True}


@tagged("post_install", "-at_install")
class TestPsProjectStart(PsFinanceCommon):
    """DR1: a project leaves Initiation only with a named manager and an
    approved budget."""

    def _refused(self, gate, message):
        """The PMO's validation of ``gate`` is refused with ``message``, and
        nothing changed: the gate waits, its review is pending, the project
        is in Initiation."""
        with self.assertRaises(UserError) as caught:  # rolls back what the call wrote
            gate.with_user(self.pmo).with_context(**FORGED).validate_tier()
        self.assertEqual(str(caught.exception), message)
        self.assertEqual(gate.state, "draft")
        self.assertEqual(gate.review_ids.mapped("status"), ["pending"])
        self.assertEqual(self.project.ps_phase, "initiation")

    def test_no_start_without_an_approved_budget(self):
        """Without a budget, with a draft or a submitted one, the start decision
        is refused and says why (with the missing manager too, when both are
        missing); once the budget is approved, the same decision passes."""
        self.project.with_user(self.pm).action_ps_request_initiation()
        gate = self.project.ps_gate_ids
        self._refused(
            gate,
            "Project Finance project A cannot leave the Initiation phase yet: no approved budget.",
        )
        self.project.with_user(self.pmo).user_id = False
        self._refused(
            gate,
            "Project Finance project A cannot leave the Initiation phase yet: "
            "no project manager named; no approved budget.",
        )
        self.project.with_user(self.pmo).user_id = self.pm
        budget = self._budget(self.project, {self.travel: 2000.0})  # approved at once
        budget._ps_internal().write({"state": "draft"})
        self._refused(
            gate,
            "Project Finance project A cannot leave the Initiation phase yet: no approved budget.",
        )
        budget.with_user(self.pm).action_submit()
        self.assertEqual(budget.state, "submitted")
        self._refused(
            gate,
            "Project Finance project A cannot leave the Initiation phase yet: no approved budget.",
        )
        budget.with_user(self.pmo).validate_tier()
        self.assertEqual(budget.state, "approved")
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual((gate.state, self.project.ps_phase), ("approved", "planning"))


@tagged("post_install", "-at_install")
class TestPsBudgetSeed(PsContractCase):
    """DR1 at hand-over: the contract's cost estimate seeds the project's first
    budget, a draft its manager completes."""

    def test_handover_seeds_a_draft_budget_from_the_services_cost(self):
        """10 days of a service costing 600 a day: a draft budget of 6,000 of
        timesheet cost, the contract's 10,000 as revenue."""
        self.service.standard_price = 600.0
        contract = self._signed_contract()
        contract.action_create_project()
        budget = contract.sudo().project_id.ps_budget_ids
        labour = self.env.ref("ps_expense_finance.ps_cost_category_labour")
        self.assertEqual(
            (budget.state, budget.version, budget.amount_total, budget.revenue_amount),
            ("draft", 1, 6000.0, 10000.0),
        )
        self.assertEqual(
            budget.line_ids.mapped(lambda line: (line.category_id, line.amount)),
            [(labour, 6000.0)],
        )
        self.assertIn(contract.display_name, budget.note)

    def test_no_cost_price_no_budget(self):
        """Services without a cost price give no estimate: no budget is made
        up, the manager prepares it."""
        contract = self._signed_contract()
        contract.action_create_project()
        self.assertFalse(contract.sudo().project_id.ps_budget_ids)
