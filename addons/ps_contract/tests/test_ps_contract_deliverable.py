from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import PsContractCase


@tagged("post_install", "-at_install")
class TestDeliverableTrigger(PsContractCase):
    def _contract_with_deliverable_milestone(self):
        contract = self._contract(milestones=((30, "2026-01-31"),))
        contract.milestone_ids = [
            Command.create({"name": "Final report", "percentage": 70, "trigger": "deliverable"})
        ]
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        contract.action_create_project()
        return contract

    def test_accepted_deliverable_creates_draft_invoice_request(self):
        """Accepting the deliverable a payment milestone waits for creates the
        draft invoice request of that milestone, once."""
        contract = self._contract_with_deliverable_milestone()
        project = contract.sudo().project_id
        deliverable = self.env["ps.project.deliverable"].create(
            {"project_id": project.id, "name": "Final report"}
        )
        payment = contract.milestone_ids.filtered(lambda m: m.trigger == "deliverable")
        payment.write({"deliverable_id": deliverable.id})
        pm = self.env["res.users"].create(
            {
                "name": "Delivery Director",
                "login": "ps_ct_delivery_director",
                "groups_id": [Command.set(self.env.ref("project.group_project_manager").ids)],
            }
        )
        deliverable.with_user(pm).action_submit()
        self.assertFalse(payment.invoice_request_ids)
        deliverable.with_user(pm).action_accept()
        request = payment.invoice_request_ids
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "draft")
        self.assertTrue(request.is_automatic)
        self.assertAlmostEqual(request.amount, 7000.0)
        self.assertEqual(request.user_id, self.salesman)
        self.assertIn("Final report", request.note)

    def test_deliverable_from_template_is_linked_by_name(self):
        """The project's deliverable of the same name is linked at hand-over."""
        contract = self._contract(milestones=((30, "2026-01-31"),))
        contract.milestone_ids = [
            Command.create({"name": "Final report", "percentage": 70, "trigger": "deliverable"})
        ]
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        Project = type(self.env["project.project"])
        original = Project._ps_instantiate_template

        def with_deliverable(project, template):
            self.env["ps.project.deliverable"].create(
                {"project_id": project.id, "name": "Final Report"}
            )
            return original(project, template)

        template = self.env["ps.wbs.template"].create({"name": "Tiny"})
        self.service.product_tmpl_id.ps_project_type_id = self.env["ps.project.type"].create(
            {"name": "Tiny", "code": "TINY-T", "wbs_template_id": template.id}
        )
        with patch.object(Project, "_ps_instantiate_template", with_deliverable):
            contract.action_create_project()
        payment = contract.milestone_ids.filtered(lambda m: m.trigger == "deliverable")
        self.assertEqual(payment.deliverable_id.name, "Final Report")
        self.assertEqual(payment.deliverable_id.project_id, contract.project_id)
