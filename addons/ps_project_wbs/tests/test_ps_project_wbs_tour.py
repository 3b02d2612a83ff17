from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsProjectWbsTour(HttpCase):
    def test_project_type_tour(self):
        """The PMO adds a project type from Project > Configuration."""
        self.start_tour("/odoo", "ps_project_wbs_project_type_tour", login="admin")
        project_type = self.env["ps.project.type"].search([("code", "=", "TOUR")])
        self.assertEqual(project_type.name, "Tour type")
