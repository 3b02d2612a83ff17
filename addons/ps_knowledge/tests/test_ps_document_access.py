import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SECRET_BYTES, PsKnowledgeCommon


@tagged("post_install", "-at_install")
class TestPsDocumentAccess(PsKnowledgeCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()

    def test_setup(self):
        """The document's file is an attachment bound to it, never public, and
        the document takes the project from its folder."""
        self.assertEqual(self.attachment.res_model, "ps.document")
        self.assertEqual(self.attachment.res_id, self.document.id)
        self.assertFalse(self.attachment.public)
        self.assertEqual(self.attachment.raw, SECRET_BYTES)
        self.assertEqual(self.document.project_id, self.project)
        self.assertEqual(self.document.partner_id, self.customer)
        self.assertEqual(self.document.confidentiality_rank, 2)

    # -- an outsider: internal clearance, not on the project ----------------
    def test_outsider_search_and_read(self):
        """The outsider does not find the confidential document and cannot read it."""
        Doc = self.env["ps.document"].with_user(self.outsider)
        self.assertNotIn(self.document, Doc.search([]))
        self.assertFalse(Doc.search([("name", "ilike", "term sheet")]))
        self.assertFalse(Doc.search_count([("id", "=", self.document.id)]))
        with self.assertRaises(AccessError):
            Doc.browse(self.document.id).read(["name"])
        with self.assertRaises(AccessError):
            _name = Doc.browse(self.document.id).name
        # what the outsider may read stays readable
        self.assertIn(self.method, Doc.search([]))

    def test_outsider_read_group(self):
        """Grouped reads (server and web client) do not count the document."""
        Doc = self.env["ps.document"].with_user(self.outsider)
        groups = Doc._read_group([], ["confidentiality"], ["__count"])
        self.assertNotIn("confidential", [level for level, _count in groups])
        groups = Doc._read_group([("project_id", "=", self.project.id)], [], ["__count"])
        self.assertEqual(groups[0][0], 0)
        public = Doc.read_group([], ["confidentiality"], ["confidentiality"])
        self.assertNotIn("confidential", [g["confidentiality"] for g in public])
        web = Doc.web_read_group([], ["confidentiality"], ["confidentiality"])
        self.assertNotIn("confidential", [g["confidentiality"] for g in web["groups"]])
        web = Doc.web_read_group([("project_id", "=", self.project.id)], [], ["project_id"])
        self.assertEqual(web["length"], 0)

    def test_outsider_name_search(self):
        """name_search does not return the document."""
        Doc = self.env["ps.document"].with_user(self.outsider)
        self.assertFalse(Doc.name_search("Merger"))
        self.assertFalse(Doc.name_search("term sheet"))

    def test_outsider_export(self):
        """Export neither lists nor reads the document."""
        Doc = self.env["ps.document"].with_user(self.outsider)
        rows = Doc.search([]).export_data(["name"])["datas"]
        self.assertNotIn(["Merger term sheet"], rows)
        with self.assertRaises(AccessError):
            Doc.browse(self.document.id).export_data(["name", "index_content"])

    def test_outsider_attachment(self):
        """The file cannot be read nor found through ir.attachment."""
        Attachment = self.env["ir.attachment"].with_user(self.outsider)
        with self.assertRaises(AccessError):
            Attachment.browse(self.attachment.id).read(["datas"])
        with self.assertRaises(AccessError):
            Attachment.browse(self.attachment.id).read(["name"])
        self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
        self.assertNotIn(self.attachment, Attachment.search([("res_model", "=", "ps.document")]))
        self.assertFalse(Attachment.search([("index_content", "ilike", "Lumber")]))
        self.assertNotIn(self.attachment, Attachment._filter_attachment_access(self.attachment.ids))

    def test_outsider_versions(self):
        """The versions of the document are hidden too."""
        Version = self.env["ps.document.version"].with_user(self.outsider)
        self.assertFalse(Version.search([("document_id", "=", self.document.id)]))
        with self.assertRaises(AccessError):
            Version.browse(self.document.version_ids.ids).read(["file_name"])

    def test_outsider_cannot_add_file(self):
        """The outsider cannot attach a file to the document either."""
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.outsider).create(
                {
                    "name": "intruder.txt",
                    "raw": b"x",
                    "res_model": "ps.document",
                    "res_id": self.document.id,
                }
            )

    # -- clearance and membership ------------------------------------------
    def test_clearance_without_membership(self):
        """Confidential clearance alone does not open another project's document."""
        self.member.ps_clearance = "confidential"
        Doc = self.env["ps.document"].with_user(self.member)
        self.assertNotIn(self.document, Doc.search([]))

    def test_membership_without_clearance(self):
        """Being on the project with internal clearance is not enough either."""
        self.project.message_subscribe(partner_ids=self.member.partner_id.ids)
        Doc = self.env["ps.document"].with_user(self.member)
        self.assertNotIn(self.document, Doc.search([]))
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.member).read(["datas"])

    def test_clearance_and_membership(self):
        """With confidential clearance and project membership the document and
        its file become readable, through every path."""
        Doc = self.env["ps.document"].with_user(self.member)
        self.assertNotIn(self.document, Doc.search([]))
        self._ps_admit_member()
        self.assertIn(self.document, Doc.search([("name", "ilike", "term sheet")]))
        self.assertEqual(Doc.browse(self.document.id).name, "Merger term sheet")
        self.assertEqual(Doc.name_search("term sheet")[0][0], self.document.id)
        groups = Doc._read_group([("project_id", "=", self.project.id)], [], ["__count"])
        self.assertEqual(groups[0][0], 1)
        rows = Doc.search([("id", "=", self.document.id)]).export_data(["name"])["datas"]
        self.assertEqual(rows, [["Merger term sheet"]])
        attachment = self.attachment.with_user(self.member)
        self.assertEqual(base64.b64decode(attachment.read(["datas"])[0]["datas"]), SECRET_BYTES)
        # full-text search over the file's text
        self.assertIn(self.document, Doc.search([("index_content", "ilike", "Lumber Inc")]))

    def test_project_manager_and_pmo(self):
        """The project's manager (with clearance) and the PMO read it without following."""
        self.member.ps_clearance = "confidential"
        self.project.user_id = self.member
        self.project.message_unsubscribe(partner_ids=self.member.partner_id.ids)
        self.assertIn(self.document, self.env["ps.document"].with_user(self.member).search([]))
        Doc = self.env["ps.document"].with_user(self.pmo)
        self.assertNotIn(self.document, Doc.search([]), "PMO still needs the clearance")
        self.pmo.ps_clearance = "confidential"
        self.assertIn(self.document, Doc.search([]))

    def test_secret_needs_secret_clearance(self):
        """A secret document needs secret clearance, even for the project team."""
        self._ps_admit_member()
        self.document.confidentiality = "secret"
        Doc = self.env["ps.document"].with_user(self.member)
        self.assertNotIn(self.document, Doc.search([]))
        self.member.ps_clearance = "secret"
        self.assertIn(self.document, Doc.search([]))

    def test_other_company_hidden(self):
        """A document of another company is hidden, whatever the clearance."""
        other = self.env["res.company"].create({"name": "Other firm"})
        folder = self.env["ps.document.folder"].create({"name": "Theirs", "company_id": other.id})
        theirs = self.env["ps.document"].create(
            {"name": "Their memo", "folder_id": folder.id, "confidentiality": "public"}
        )
        self.assertEqual(theirs.company_id, other)
        Doc = self.env["ps.document"].with_user(self.outsider)
        self.assertNotIn(theirs, Doc.search([]))

    # -- clearance and levels ----------------------------------------------
    def test_only_administrators_set_clearance(self):
        """Users cannot raise their own or another's clearance; administrators can."""
        with self.assertRaises(AccessError):
            self.outsider.with_user(self.outsider).write({"ps_clearance": "secret"})
        with self.assertRaises(AccessError):
            self.member.with_user(self.pmo).sudo(False).write({"ps_clearance": "secret"})
        self.outsider.with_user(self.admin_user).write({"ps_clearance": "confidential"})
        self.assertEqual(self.outsider.ps_clearance_rank, 2)

    def test_document_inherits_folder_level(self):
        """A new document takes its folder's level; a user cannot file it lower."""
        self.folder.confidentiality = "confidential"
        self._ps_admit_member()
        Doc = self.env["ps.document"].with_user(self.member)
        doc = Doc.create({"name": "Interview notes", "folder_id": self.folder.id})
        self.assertEqual(doc.confidentiality, "confidential")
        with self.assertRaises(ValidationError):
            Doc.create(
                {"name": "Notes", "folder_id": self.folder.id, "confidentiality": "internal"}
            )

    def test_only_administrators_lower_level(self):
        """Users may raise a document's level (up to their clearance), only
        administrators lower it; each change is tracked."""
        self._ps_admit_member()
        doc = self.document.with_user(self.member)
        with self.assertRaises(UserError):
            doc.write({"confidentiality": "internal"})
        with self.assertRaises(ValidationError):
            doc.write({"confidentiality": "secret"})  # above their clearance
        self.member.ps_clearance = "secret"
        doc.write({"confidentiality": "secret"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written before commit
        self.document.with_user(self.admin_user).write({"confidentiality": "internal"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written before commit
        self.assertEqual(self.document.confidentiality, "internal")
        tracked = self.document.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "confidentiality"
        )
        self.assertEqual(len(tracked), 2)

    def test_only_administrators_take_document_out_of_project(self):
        """A member cannot detach a document from its project (everyone with
        the clearance would then read it); administrators can."""
        self._ps_admit_member()
        with self.assertRaises(UserError):
            self.document.with_user(self.member).write({"project_id": False})
        self.document.with_user(self.admin_user).write({"project_id": False})
        self.assertFalse(self.document.project_id)

    def test_level_labels_configurable_order_fixed(self):
        """Renaming a level changes its label, not its rank."""
        level = self.env.ref("ps_knowledge.ps_confidentiality_level_confidential")
        level.name = "Client confidential"
        labels = dict(
            self.env["ps.document"]._fields["confidentiality"]._description_selection(self.env)
        )
        self.assertEqual(labels["confidential"], "Client confidential")
        self.assertEqual(level.rank, 2)
        with self.assertRaises(AccessError):
            level.with_user(self.outsider).name = "Mine"

    def test_versions(self):
        """A new upload becomes the current version; older ones remain and
        cannot be rewritten."""
        self._ps_admit_member()
        doc = self.document.with_user(self.member)
        doc.write(
            {
                "upload_file": base64.b64encode(b"Revised terms: 13.1 M"),
                "upload_filename": "term_sheet_v2.txt",
                "upload_note": "Price revised",
            }
        )
        self.assertEqual(doc.version_count, 2)
        self.assertEqual(doc.version_number, 2)
        self.assertEqual(doc.file_name, "term_sheet_v2.txt")
        self.assertEqual(doc.current_version_id.author_id, self.member)
        self.assertIn("13.1", doc.index_content)
        with self.assertRaises(UserError):
            doc.version_ids[-1].write({"version": 5})

    # -- the audit log -----------------------------------------------------
    def test_audit_log_append_only(self):
        """Reading the file through the API is logged; the user cannot read,
        change or delete the log; administrators read it but cannot change it."""
        self._ps_admit_member()
        Log = self.env["ps.document.access.log"]
        self.attachment.with_user(self.member).read(["datas"])
        log = Log.search([("document_id", "=", self.document.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.member)
        self.assertEqual(log.access_type, "rpc")
        with self.assertRaises(AccessError):
            log.with_user(self.member).read(["user_id"])
        with self.assertRaises(AccessError):
            log.with_user(self.member).write({"user_id": self.outsider.id})
        with self.assertRaises(AccessError):
            log.with_user(self.member).unlink()
        with self.assertRaises(AccessError):
            Log.with_user(self.member).create({"user_id": self.member.id, "access_type": "open"})
        self.assertEqual(log.with_user(self.admin_user).user_id, self.member)
        with self.assertRaises(UserError):
            log.with_user(self.admin_user).write({"user_id": self.outsider.id})
        with self.assertRaises(UserError):
            log.with_user(self.admin_user).unlink()
        with self.assertRaises(UserError):
            log.sudo().unlink()

    def test_internal_content_not_logged(self):
        """Reading an internal document is not logged; sizes (bin_size) are not reads."""
        self.method.attachment_id.with_user(self.outsider).read(["datas"])
        self._ps_admit_member()
        self.attachment.with_user(self.member).with_context(bin_size=True).read(["datas"])
        self.attachment.with_user(self.member).read(["name"])
        self.assertFalse(self.env["ps.document.access.log"].search([]))
