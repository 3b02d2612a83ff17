from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsDashboardTour(HttpCase):
    def test_cockpit_tour(self):
        """An executive opens the cockpit and drills down from a card to its records."""
        ceo = new_test_user(
            self.env,
            login="ps_ceo_tour",
            password="ps_ceo_tour",
            groups="base.group_user,ps_dashboard.group_ps_executive",
        )
        partner = self.env["res.partner"].create({"name": "Cockpit tour customer"})
        self.env["ps.contract"].search([]).active = False
        self.env["ps.contract"].create(
            {"title": "Cockpit tour contract", "partner_id": partner.id, "user_id": ceo.id}
        )
        self.start_tour("/odoo", "ps_dashboard_cockpit_tour", login="ps_ceo_tour")
