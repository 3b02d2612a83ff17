from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsDocumentFolder(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="ps_employee", groups="base.group_user")
        cls.manager = new_test_user(
            cls.env, login="ps_km", groups="ps_knowledge.group_ps_knowledge_manager"
        )
        Folder = cls.env["ps.document.folder"]
        cls.root = Folder.create({"name": "Audit"})
        cls.child = Folder.create({"name": "Working papers", "parent_id": cls.root.id})

    def test_complete_name_follows_parent(self):
        """A folder's full name shows its path and follows a renamed parent."""
        self.assertEqual(self.child.complete_name, "Audit / Working papers")
        self.root.name = "Assurance"
        self.assertEqual(self.child.complete_name, "Assurance / Working papers")

    def test_cycle_is_refused(self):
        """A folder cannot become a subfolder of its own subfolder."""
        with self.assertRaises(ValidationError):
            self.root.parent_id = self.child

    def test_employee_reads_manager_organises(self):
        """Employees browse folders; only knowledge managers change them."""
        child = self.child.with_user(self.employee)
        self.assertEqual(child.complete_name, "Audit / Working papers")
        with self.assertRaises(AccessError):
            self.child.with_user(self.employee).write({"name": "Mine"})
        folder = (
            self.env["ps.document.folder"]
            .with_user(self.manager)
            .create({"name": "Courseware", "parent_id": self.root.id})
        )
        self.assertIn(folder, self.root.child_ids)

    def test_other_company_folder_hidden(self):
        """A folder of another company is invisible."""
        other = self.env["res.company"].create({"name": "Other firm"})
        hidden = self.env["ps.document.folder"].create({"name": "Theirs", "company_id": other.id})
        visible = self.env["ps.document.folder"].with_user(self.employee).search([])
        self.assertIn(self.root, visible)
        self.assertNotIn(hidden, visible)
