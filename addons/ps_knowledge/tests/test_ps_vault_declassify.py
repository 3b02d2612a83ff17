"""A member who may read a confidential document cannot hand its file to lower
clearances: every way of re-binding, publishing or sharing a vault file, of
moving a document out of its project, or of lowering the level a deliverable
is archived at is refused, even with a forged context, and changes nothing."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SECRET_BYTES, PsKnowledgeCommon

# Contexts a hostile client may send: none is the system's internal marker.
FORGED_CONTEXTS = ({}, {"ps_internal": True}, {"ps_internal": "1"}, {"install_mode": True})


@tagged("post_install", "-at_install")
class TestPsVaultDeclassify(PsKnowledgeCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()
        cls._ps_admit_member()
        cls.public_folder = cls.env["ps.document.folder"].create(
            {"name": "Brochures", "confidentiality": "public"}
        )
        cls.brochure = cls.env["ps.document"].create(
            {
                "name": "Brochure",
                "folder_id": cls.public_folder.id,
                "confidentiality": "public",
                "upload_file": base64.b64encode(b"Our services"),
                "upload_filename": "brochure.txt",
            }
        )
        cls.pm = new_test_user(
            cls.env, login="ps_decl_pm", groups="base.group_user,project.group_project_user"
        )
        cls.pm.ps_clearance = "secret"
        cls.project.user_id = cls.pm

    def _binding(self, attachment):
        attachment = attachment.sudo()
        attachment.invalidate_recordset()
        return (attachment.res_model, attachment.res_id, attachment.public, attachment.access_token)

    def _as(self, user, records, context):
        return records.with_user(user).with_context(**context)

    # -- the attachment of a vault document ---------------------------------
    def test_repoint_attachment_refused(self):
        """The member cannot bind the confidential file to a public document,
        to another model, or detach it, whatever context they send."""
        before = self._binding(self.attachment)
        attempts = (
            {"res_id": self.brochure.id},
            {"res_model": "res.partner", "res_id": self.member.partner_id.id},
            {"res_model": False, "res_id": False},
            {"res_field": "image_1920"},
        )
        for context in FORGED_CONTEXTS:
            for vals in attempts:
                with self.assertRaises(UserError, msg=f"{vals} {context}"):
                    self._as(self.member, self.attachment, context).write(vals)
        self.assertEqual(self._binding(self.attachment), before)
        # the outsider still cannot read it
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.outsider).read(["datas"])

    def test_public_flag_refused(self):
        """The member cannot make the file public (anonymous download)."""
        for context in FORGED_CONTEXTS:
            with self.assertRaises(UserError):
                self._as(self.member, self.attachment, context).write({"public": True})
        self.assertFalse(self._binding(self.attachment)[2])

    def test_access_token_refused(self):
        """The member can neither generate nor set an access token on the file."""
        for context in FORGED_CONTEXTS:
            with self.assertRaises(UserError):
                self._as(self.member, self.attachment, context).generate_access_token()
            with self.assertRaises(UserError):
                self._as(self.member, self.attachment, context).write(
                    {"access_token": "0123456789abcdef"}
                )
        self.assertFalse(self._binding(self.attachment)[3])

    def test_copy_to_other_record_refused(self):
        """Copying the file onto another record (or as public) is refused too."""
        Attachment = self.env["ir.attachment"].sudo()
        count = Attachment.search_count([("checksum", "=", self.attachment.checksum)])
        for default in (
            {"res_model": "res.partner", "res_id": self.member.partner_id.id},
            {"res_id": self.brochure.id},
            {"public": True},
        ):
            with self.assertRaises(UserError, msg=default):
                self.attachment.with_user(self.member).copy(default)
        self.assertEqual(
            Attachment.search_count([("checksum", "=", self.attachment.checksum)]), count
        )

    def test_create_public_vault_file_refused(self):
        """A new file of a vault document cannot be created public or with a token."""
        for extra in ({"public": True}, {"access_token": "0123456789abcdef"}):
            with self.assertRaises(UserError, msg=extra):
                self.env["ir.attachment"].with_user(self.member).create(
                    {
                        "name": "leak.txt",
                        "raw": b"x",
                        "res_model": "ps.document",
                        "res_id": self.document.id,
                        **extra,
                    }
                )
        self.assertFalse(self.env["ir.attachment"].sudo().search([("name", "=", "leak.txt")]))

    def test_public_flag_does_not_open_vault_file(self):
        """Even if the flag is set (by an administrator), a vault file is read
        only by the readers of its document."""
        self.attachment.with_user(self.admin_user).write({"public": True})
        Attachment = self.env["ir.attachment"].with_user(self.outsider)
        with self.assertRaises(AccessError):
            Attachment.browse(self.attachment.id).read(["datas"])
        with self.assertRaises(AccessError):
            Attachment.browse(self.attachment.id).check("read")
        self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
        self.assertEqual(
            base64.b64decode(self.attachment.with_user(self.member).read(["datas"])[0]["datas"]),
            SECRET_BYTES,
        )

    def test_administrator_may_rebind(self):
        """Administrators keep the right to move a file (e.g. filed by mistake)."""
        self.attachment.with_user(self.admin_user).write({"res_id": self.brochure.id})
        self.assertEqual(self._binding(self.attachment)[1], self.brochure.id)

    def test_other_files_unaffected(self):
        """Files of other records are not vault files: the member shares them as before."""
        Attachment = self.env["ir.attachment"].with_user(self.member)
        own_file = Attachment.create({"name": "card.txt", "raw": b"card"})
        own_file.write({"public": True})
        self.assertTrue(own_file.generate_access_token()[0])

    # -- the document -------------------------------------------------------
    def test_move_to_other_project_folder_refused(self):
        """Filing the document in another project's folder would take it out of
        its project: refused, even for a member of both projects."""
        other = self.env["project.project"].create(
            {"name": "Public tender", "privacy_visibility": "employees"}
        )
        other.message_subscribe(partner_ids=self.member.partner_id.ids)
        other_folder = self.env["ps.document.folder"].create(
            {"name": "Public tender", "project_id": other.id}
        )
        for context in FORGED_CONTEXTS:
            for vals in (
                {"folder_id": other_folder.id},
                {"folder_id": other_folder.id, "project_id": other.id},
            ):
                with self.assertRaises(UserError, msg=f"{vals} {context}"):
                    self._as(self.member, self.document, context).write(vals)
        self.document.invalidate_recordset()
        self.assertEqual(
            (self.document.folder_id, self.document.project_id), (self.folder, self.project)
        )

    def test_move_within_project_allowed(self):
        """Moving between folders of the same project, or to a general folder
        (the document keeps its project), stays allowed."""
        subfolder = self.env["ps.document.folder"].create(
            {"name": "Drafts", "parent_id": self.folder.id}
        )
        self.assertEqual(subfolder.project_id, self.project)
        doc = self.document.with_user(self.member)
        doc.write({"folder_id": subfolder.id})
        self.assertEqual((doc.folder_id, doc.project_id), (subfolder, self.project))
        doc.write({"folder_id": self.general_folder.id})
        self.assertEqual(doc.project_id, self.project)
        self.assertNotIn(self.document, self.env["ps.document"].with_user(self.outsider).search([]))

    # -- the full text ------------------------------------------------------
    def _rpc_logs(self):
        return self.env["ps.document.access.log"].search(
            [("document_id", "=", self.document.id), ("access_type", "=", "rpc")]
        )

    def test_full_text_read_is_logged(self):
        """Reading the document's full text through the API is audited like a
        download; reading other fields is not."""
        doc = self.document.with_user(self.member)
        doc.read(["name", "confidentiality"])
        doc.search_read([("id", "=", self.document.id)], ["name"])
        self.assertFalse(self._rpc_logs())
        [values] = doc.read(["index_content"])
        self.assertIn("Lumber", values["index_content"])
        self.assertEqual(len(self._rpc_logs()), 1)
        doc.search_read([("id", "=", self.document.id)], ["index_content"])
        doc.web_read({"index_content": {}})
        self.assertEqual(len(self._rpc_logs()), 3)
        self.assertEqual(self._rpc_logs().user_id, self.member)
        doc.export_data(["name", "index_content"])
        self.assertEqual(len(self._rpc_logs()), 4)
        doc.export_data(["attachment_id/datas"])
        self.assertEqual(len(self._rpc_logs()), 5)
        doc.version_ids.export_data(["attachment_id/index_content"])
        self.assertEqual(len(self._rpc_logs()), 6)

    def test_attachment_full_text_read_is_logged(self):
        """The indexed text of the file itself is logged like its content."""
        self.attachment.with_user(self.member).read(["index_content"])
        self.assertEqual(len(self._rpc_logs()), 1)
        self.attachment.with_user(self.member).export_data(["name", "index_content"])
        self.assertEqual(len(self._rpc_logs()), 2)
        self.env["ir.attachment"].with_user(self.member).search_read(
            [("id", "=", self.attachment.id)], ["datas"]
        )
        self.assertEqual(len(self._rpc_logs()), 3)

    def test_full_text_not_grouped(self):
        """Grouping, aggregating or ordering groups by the full text (which
        would return it without a log) is refused with a clear message."""
        Doc = self.env["ps.document"].with_user(self.member)
        Attachment = self.env["ir.attachment"].with_user(self.member)
        for context in FORGED_CONTEXTS:
            with self.assertRaises(UserError):
                Doc.with_context(**context).read_group([], ["index_content"], ["index_content"])
            with self.assertRaises(UserError):
                Doc.with_context(**context).web_read_group(
                    [], ["name:array_agg", "index_content:max"], ["folder_id"]
                )
            with self.assertRaises(UserError):
                Doc._read_group([], [], ["index_content:array_agg"])
            with self.assertRaises(UserError):
                Doc._read_group(
                    [], ["folder_id"], ["__count"], having=[("index_content:max", "!=", False)]
                )
            with self.assertRaises(UserError):
                Doc._read_group([], ["folder_id"], ["__count"], order="index_content:max")
            for spec in ("index_content:array_agg", "db_datas:array_agg", "datas:max"):
                with self.assertRaises(UserError, msg=spec):
                    Attachment._read_group([], [], [spec])
        self.assertFalse(self.env["ps.document.access.log"].search([]))
        # grouping by anything else is unaffected
        self.assertTrue(Doc.read_group([], ["confidentiality"], ["confidentiality"]))

    def test_full_text_not_returned_by_onchange(self):
        """An onchange that recomputes the full text (the form never asks for
        it) does not return it to a user."""
        args = (
            {"index_content": "x", "current_version_id": self.document.current_version_id.id},
            ["current_version_id"],
            {"index_content": {}, "current_version_id": {}},
        )
        # what a client would get without the guard
        self.assertIn("Lumber", self.document.sudo().onchange(*args)["value"]["index_content"])
        result = self.document.with_user(self.member).onchange(*args)
        self.assertNotIn("index_content", result.get("value", {}))
