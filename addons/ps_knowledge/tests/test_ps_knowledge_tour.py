from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsKnowledgeTour(HttpCase):
    def test_folder_tour(self):
        """A knowledge manager creates a folder from the Knowledge Vault app."""
        self.start_tour("/odoo", "ps_knowledge_folder_tour", login="admin")
        folder = self.env["ps.document.folder"].search([("name", "=", "Tour folder")])
        self.assertEqual(folder.complete_name, "Tour folder")
