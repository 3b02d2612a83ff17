from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.ps_base.internal import internal


@tagged("post_install", "-at_install")
class TestPsContractTour(HttpCase):
    def test_contract_tour(self):
        """Won opportunity → contract → milestones → review → sign → project →
        invoice request, in the browser."""
        # The shipped rules: a sales director (the administrator is one) reviews
        # the contract, finance approves the invoice request.
        customer = self.env["res.partner"].create(
            {"name": "Zeta Tour Customer", "is_company": True}
        )
        service = self.env["product.product"].create(
            {
                "name": "Zeta strategy review",
                "type": "service",
                "list_price": 2500.0,
                "taxes_id": [Command.clear()],
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Zeta strategy deal",
                "type": "opportunity",
                "partner_id": customer.id,
                "user_id": self.env.ref("base.user_admin").id,
                "ps_service_line_ids": [Command.create({"product_id": service.id, "quantity": 2})],
            }
        )
        internal(lead).action_set_won()
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{lead.id}",
            "ps_contract_create_tour",
            login="admin",
        )
        contract = self.env["ps.contract"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(contract.amount_total, 5000)
        self.assertTrue(contract.name.startswith("CT/"))
        self.assertEqual(contract.state, "execution")
        self.assertEqual(
            contract.review_ids.definition_id,
            self.env.ref("ps_contract.tier_definition_contract_director"),
        )
        self.assertEqual(contract.review_ids.done_by, self.env.ref("base.user_admin"))
        self.assertTrue(contract.project_id)
        self.assertEqual(contract.milestone_ids.mapped("name"), ["Signature"])
        request = contract.invoice_request_ids
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(request.amount, 5000)
