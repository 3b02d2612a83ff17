from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PsContractCase


@tagged("post_install", "-at_install")
class TestPsContractClosure(PsContractCase):
    """DR4, the billing side: a project does not close while a billable payment
    milestone of its contract is not invoiced."""

    def _project_with_milestones(self):
        today = fields.Date.context_today(self.env.user)
        contract = self._contract(
            milestones=((40, today - timedelta(days=10)), (30, today + timedelta(days=60)))
        )
        contract.milestone_ids = [
            Command.create({"name": "Final report", "percentage": 30, "trigger": "deliverable"})
        ]
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        contract.action_create_project()
        project = contract.sudo().project_id
        deliverable = self.env["ps.project.deliverable"].create(
            {"project_id": project.id, "name": "Final report", "required": False}
        )
        contract.milestone_ids.filtered(lambda m: m.trigger == "deliverable").write(
            {"deliverable_id": deliverable.id}
        )
        return contract, project, deliverable

    def test_billable_milestones_not_invoiced_block_closure(self):
        """A milestone due on a past date, or whose deliverable was accepted,
        blocks the closure until it is invoiced; one due later does not. The
        refusal names each milestone and its amount, and asks nothing."""
        contract, project, deliverable = self._project_with_milestones()
        due, later, final = contract.milestone_ids.sorted("id")
        self.assertEqual(project._ps_uninvoiced_milestones(), due)
        problems = " | ".join(project._ps_closure_problems())
        self.assertIn("payment milestones due and not invoiced: Instalment 1 (", problems)
        self.assertIn("4,000.00", problems)
        self.assertNotIn("Instalment 2", problems)
        self.assertNotIn("Final report (", problems)

        # the deliverable accepted makes the final instalment billable too
        deliverable.action_submit()
        deliverable.action_accept()
        self.assertEqual(project._ps_uninvoiced_milestones(), due | final)

        gates = project.ps_gate_ids
        with self.assertRaisesRegex(UserError, r"Instalment 1 \(.*Final report \("):
            project.with_user(self.pmo).action_ps_request_closure()
        self.assertEqual(project.ps_gate_ids, gates)
        self.assertEqual(project.ps_phase, "initiation")

        # invoiced (requested alone is not enough), they no longer block
        for milestone in (due, final):
            request = milestone.invoice_request_ids.filtered(
                lambda r: r.state == "draft"
            ) or self._request(contract, milestone)
            request.action_submit()
            self.assertIn(milestone, project._ps_uninvoiced_milestones())
            request.with_user(self.finance).action_approve()
            request.with_user(self.finance).action_issue()
        self.assertFalse(project._ps_uninvoiced_milestones())
        self.assertNotIn("payment milestones", " | ".join(project._ps_closure_problems()))
        self.assertEqual(later.amount_invoiced, 0.0)
