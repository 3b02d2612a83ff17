from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsContractTour(HttpCase):
    def test_contract_tour(self):
        """A salesperson records a contract from the Contracts app."""
        self.env["res.partner"].create({"name": "Zeta Tour Customer", "is_company": True})
        self.start_tour("/odoo", "ps_contract_create_tour", login="admin")
        contract = self.env["ps.contract"].search([("title", "=", "Tour contract")])
        self.assertEqual(contract.amount_total, 5000)
        self.assertTrue(contract.name.startswith("CT/"))
