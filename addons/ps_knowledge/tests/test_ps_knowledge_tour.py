from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsKnowledgeTour(HttpCase):
    def test_folder_tour(self):
        """A knowledge manager creates a folder from the Knowledge Vault app."""
        self.start_tour("/odoo", "ps_knowledge_folder_tour", login="admin")
        folder = self.env["ps.document.folder"].search([("name", "=", "Tour folder")])
        self.assertEqual(folder.complete_name, "Tour folder")

    def test_document_tour(self):
        """Upload a document into a project folder, open it, find it by the text
        of its file."""
        admin = self.env.ref("base.user_admin")
        admin.ps_clearance = "secret"
        project = self.env["project.project"].create(
            {"name": "Tour client project", "user_id": admin.id}
        )
        folder = self.env["ps.document.folder"].create(
            {"name": "Tour client folder", "project_id": project.id}
        )
        self.env.flush_all()  # stored computed names, searched by the browser
        self.start_tour("/odoo", "ps_knowledge_document_tour", login="admin")
        document = self.env["ps.document"].search([("name", "=", "Tour market study")])
        self.assertEqual(len(document), 1)
        self.assertEqual(document.folder_id, folder)
        self.assertEqual(document.project_id, project)
        self.assertEqual(document.version_count, 1)
        self.assertEqual(document.attachment_id.res_model, "ps.document")
        self.assertEqual(document.attachment_id.res_id, document.id)
        self.assertIn("zephyrine", document.index_content)
