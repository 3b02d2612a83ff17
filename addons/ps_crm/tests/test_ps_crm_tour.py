from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsCrmTour(HttpCase):
    def test_customer_level_tour(self):
        """A sales manager adds a customer level from CRM > Configuration."""
        self.start_tour("/odoo", "ps_crm_customer_level_tour", login="admin")
        level = self.env["ps.customer.level"].search([("code", "=", "TOUR")])
        self.assertEqual(level.name, "Tour level")
