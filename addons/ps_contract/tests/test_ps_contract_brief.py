from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import PsContractCase

FOREIGN_LINK = '</li></ul><a href="https://evil.example">Pay here</a>'


@tagged("post_install", "-at_install")
class TestProjectBrief(PsContractCase):
    """The hand-over brief in the project description tells the delivery team
    the scope, never the money, and is safe HTML whatever the names typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env, login="ps_ct_consultant", groups="project.group_project_user"
        )

    def _hand_over(self, contract):
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        contract.with_user(self.salesman).action_create_project()
        project = contract.project_id
        # the consultant is a member of the delivery project
        project.sudo().privacy_visibility = "followers"
        project.sudo().message_subscribe(self.consultant.partner_id.ids)
        return project

    def test_member_reads_scope_not_money(self):
        """A consultant on the handed-over project reads the services, the
        milestones and their dates in the description, but not the contract
        value, the service prices nor the milestone amounts."""
        contract = self._contract(quantity=7, milestones=((30, "2026-01-31"), (70, "2026-03-31")))
        contract.line_ids = [Command.create({"product_id": self.service_2.id, "quantity": 3})]
        project = self._hand_over(contract)
        description = project.with_user(self.consultant).read(["description"])[0]["description"]
        self.assertIn("Operating model review", description)
        self.assertIn("Change management coaching", description)
        self.assertIn("Instalment 1", description)
        self.assertIn("Instalment 2", description)
        self.assertIn(contract.name, description)
        # 8,500 in all; lines 7,000 and 1,500; instalments 2,550 and 5,950; prices 1,000 and 500
        amounts = [contract.amount_untaxed, contract.amount_total]
        amounts += contract.line_ids.mapped("price_subtotal") + contract.line_ids.mapped(
            "price_unit"
        )
        amounts += contract.milestone_ids.mapped("amount")
        self.assertEqual(sorted(contract.milestone_ids.mapped("amount")), [2550.0, 5950.0])
        for amount in amounts:
            for shown in (contract._ps_format(amount), f"{amount:,.2f}", f"{amount:.2f}"):
                self.assertNotIn(shown, description, f"{shown} in the project description")
        self.assertNotIn(self.currency.symbol, description)

    def test_names_cannot_inject_markup(self):
        """A milestone or a service named like HTML (a closing list and a link)
        shows as text in the description: no working foreign link."""
        contract = self._contract(milestones=((100, "2026-01-31"),))
        contract.milestone_ids.name = f"Kick-off{FOREIGN_LINK}"
        contract.line_ids.name = f"Review{FOREIGN_LINK}"
        project = self._hand_over(contract)
        description = str(project.with_user(self.consultant).description)
        self.assertNotIn("<a href", description)
        self.assertNotIn("<a ", description)
        self.assertIn("Kick-off&lt;/li&gt;&lt;/ul&gt;&lt;a href=", description)
        self.assertIn("Review&lt;/li&gt;&lt;/ul&gt;&lt;a href=", description)
        self.assertEqual(description.count("<ul>"), 2)
