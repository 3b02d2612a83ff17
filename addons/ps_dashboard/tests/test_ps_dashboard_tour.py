from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsDashboardTour(HttpCase):
    def test_cockpit_tour(self):
        """An executive opens the cockpit, clicks the Execution slice of the
        projects-by-phase pie and lands on the projects in execution."""
        new_test_user(
            self.env,
            login="ps_ceo_tour",
            password="ps_ceo_tour",
            groups="base.group_user,ps_dashboard.group_ps_executive",
        )
        Project = self.env["project.project"].with_context(tracking_disable=True)
        Project.create(
            [
                {"name": "Cockpit tour project", "ps_phase": "execution"},
                {"name": "Cockpit tour planning", "ps_phase": "planning"},
            ]
        )
        self.start_tour("/odoo", "ps_dashboard_cockpit_tour", login="ps_ceo_tour")
