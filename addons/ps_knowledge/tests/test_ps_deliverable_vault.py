"""A deliverable's files follow its level before acceptance, and the level
they are archived at cannot be lowered by its team."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import PsKnowledgeCommon
from .test_ps_vault_declassify import FORGED_CONTEXTS

REPORT = b"Restructuring: 140 positions cut in Q3."


@tagged("post_install", "-at_install")
class TestPsDeliverableVault(PsKnowledgeCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()
        cls._ps_admit_member()  # confidential clearance, on the project
        cls.pm = new_test_user(
            cls.env, login="ps_dlv_pm", groups="base.group_user,project.group_project_user"
        )
        cls.pm.ps_clearance = "secret"
        cls.project.user_id = cls.pm
        cls.deliverable = cls.env["ps.project.deliverable"].create(
            {
                "name": "Restructuring plan",
                "project_id": cls.project.id,
                "confidentiality": "secret",
                "owner_id": cls.member.id,
            }
        )
        cls.report = cls.env["ir.attachment"].create(
            {
                "name": "restructuring.txt",
                "raw": REPORT,
                "res_model": "ps.project.deliverable",
                "res_id": cls.deliverable.id,
            }
        )
        cls.deliverable.attachment_ids = cls.report

    def _level(self, deliverable):
        deliverable.invalidate_recordset()
        return deliverable.sudo().confidentiality

    # -- the level ----------------------------------------------------------
    def test_member_cannot_lower_level(self):
        """The team cannot lower the level before acceptance (the file would be
        archived for more readers), whatever context it sends; the accepted
        file is archived at the original level."""
        for user in (self.member, self.pm):
            for context in FORGED_CONTEXTS:
                with self.assertRaises(UserError, msg=f"{user.login} {context}"):
                    self.deliverable.with_user(user).with_context(**context).write(
                        {"confidentiality": "public"}
                    )
        self.assertEqual(self._level(self.deliverable), "secret")
        self.deliverable.with_user(self.member).action_submit()
        self.deliverable.with_user(self.pm).action_accept()
        document = self.deliverable.sudo().document_ids
        self.assertEqual(document.confidentiality, "secret")
        with self.assertRaises(AccessError):
            self.report.with_user(self.member).read(["datas"])

    def test_level_locked_once_submitted(self):
        """Once submitted, the level is fixed for the team (raising included);
        after a rejection it may be raised again. Administrators may change it."""
        deliverable = self.env["ps.project.deliverable"].create(
            {"name": "Interview notes", "project_id": self.project.id}
        )
        deliverable.with_user(self.member).write({"confidentiality": "confidential"})
        self.assertEqual(self._level(deliverable), "confidential")
        deliverable.with_user(self.member).action_submit()
        for user, level in ((self.member, "secret"), (self.pm, "internal")):
            with self.assertRaises(UserError):
                deliverable.with_user(user).write({"confidentiality": level})
        self.assertEqual(self._level(deliverable), "confidential")
        deliverable.with_user(self.pm)._ps_reject("Missing interviews")
        deliverable.with_user(self.member).write({"confidentiality": "secret"})
        self.assertEqual(self._level(deliverable), "secret")
        admin = new_test_user(
            self.env, login="ps_dlv_admin", groups="base.group_system,project.group_project_user"
        )
        deliverable.with_user(admin).write({"confidentiality": "internal"})
        self.assertEqual(self._level(deliverable), "internal")

    def test_unknown_level(self):
        """An unknown level is a clear error, not a traceback."""
        with self.assertRaises(UserError):
            self.deliverable.with_user(self.pm).write({"confidentiality": "top"})
        with self.assertRaises(UserError):
            self.env["ps.project.deliverable"].with_user(self.pm).create(
                {"name": "X", "project_id": self.project.id, "confidentiality": "top"}
            )
        self.assertEqual(self._level(self.deliverable), "secret")

    # -- its files before acceptance ---------------------------------------
    def test_secret_files_hidden_below_clearance(self):
        """A member cleared to confidential neither reads, finds nor changes the
        files of a secret deliverable of their project, yet opens the deliverable."""
        Attachment = self.env["ir.attachment"].with_user(self.member)
        with self.assertRaises(AccessError):
            Attachment.browse(self.report.id).read(["datas"])
        with self.assertRaises(AccessError):
            Attachment.browse(self.report.id).read(["name"])
        with self.assertRaises(AccessError):
            Attachment.browse(self.report.id).check("read")
        with self.assertRaises(AccessError):
            Attachment.browse(self.report.id).write({"name": "renamed.txt"})
        with self.assertRaises(AccessError):
            Attachment.browse(self.report.id).unlink()
        self.assertFalse(Attachment.search([("id", "=", self.report.id)]))
        self.assertNotIn(
            self.report, Attachment.search([("res_model", "=", "ps.project.deliverable")])
        )
        self.assertFalse(Attachment._filter_attachment_access(self.report.ids))
        self.env.invalidate_all()
        [values] = self.deliverable.with_user(self.member).web_read(
            {"name": {}, "attachment_ids": {"fields": {"name": {}, "mimetype": {}}}}
        )
        self.assertEqual((values["name"], values["attachment_ids"]), ("Restructuring plan", []))
        self.assertEqual(self.report.sudo().name, "restructuring.txt")
        # with secret clearance the file reads
        self.member.ps_clearance = "secret"
        self.env.invalidate_all()  # as a new request of the member would read it
        self.assertEqual(Attachment.browse(self.report.id).raw, REPORT)
        self.assertEqual(self.deliverable.with_user(self.member).attachment_ids, self.report)

    def test_uploader_reads_own_upload(self):
        """Below the level, a member still sees the file they uploaded
        themselves (they brought its content), and only that one."""
        own = (
            self.env["ir.attachment"]
            .with_user(self.member)
            .create(
                {
                    "name": "my_section.txt",
                    "raw": b"My section",
                    "res_model": self.deliverable._name,
                    "res_id": self.deliverable.id,
                }
            )
        )
        self.deliverable.with_user(self.member).write({"attachment_ids": [Command.link(own.id)]})
        self.env.invalidate_all()
        self.assertEqual(own.with_user(self.member).raw, b"My section")
        self.assertEqual(self.deliverable.with_user(self.member).attachment_ids, own)
        with self.assertRaises(AccessError):
            self.report.with_user(self.member).read(["raw"])
        self.assertEqual(self.deliverable.sudo().attachment_ids, self.report | own)

    def test_listed_file_bound_elsewhere_hidden(self):
        """A file listed on the secret deliverable but bound to another record
        (e.g. uploaded before the deliverable was saved) is hidden too."""
        task = self.env["project.task"].create({"name": "Draft", "project_id": self.project.id})
        draft = self.env["ir.attachment"].create(
            {"name": "draft.txt", "raw": REPORT, "res_model": "project.task", "res_id": task.id}
        )
        Attachment = self.env["ir.attachment"].with_user(self.member)
        self.assertEqual(Attachment.browse(draft.id).raw, REPORT, "a task file is readable")
        self.deliverable.attachment_ids = [Command.link(draft.id)]
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            Attachment.browse(draft.id).read(["raw"])
        with self.assertRaises(AccessError):
            Attachment.browse(draft.id).check("read")
        self.assertFalse(Attachment.search([("id", "=", draft.id)]))

    def test_cannot_link_vault_file(self):
        """A vault document's file (or another deliverable's) cannot be listed
        on a deliverable, whose acceptance would re-file it at its own level."""
        public = self.env["ps.project.deliverable"].create(
            {"name": "Newsletter", "project_id": self.project.id, "confidentiality": "public"}
        )
        for context in FORGED_CONTEXTS:
            for attachment in (self.attachment, self.report):
                with self.assertRaises(UserError):
                    public.with_user(self.pm).with_context(**context).write(
                        {"attachment_ids": [Command.link(attachment.id)]}
                    )
        public.invalidate_recordset()
        self.assertFalse(public.sudo().attachment_ids)
        self.assertEqual(
            (self.attachment.sudo().res_model, self.attachment.sudo().res_id),
            ("ps.document", self.document.id),
        )
        # its own upload is fine
        public.with_user(self.member).write(
            {
                "attachment_ids": [
                    Command.create(
                        {
                            "name": "newsletter.txt",
                            "raw": b"News",
                            "res_model": public._name,
                            "res_id": public.id,
                        }
                    )
                ]
            }
        )
        self.assertEqual(public.sudo().attachment_ids.name, "newsletter.txt")

    def test_cannot_move_deliverable_with_files(self):
        """A deliverable with files cannot move to another project (whose team
        would read them); its copy starts without files."""
        other = self.env["project.project"].create(
            {"name": "Public tender", "privacy_visibility": "employees"}
        )
        for context in FORGED_CONTEXTS:
            with self.assertRaises(UserError):
                self.deliverable.with_user(self.pm).with_context(**context).write(
                    {"project_id": other.id}
                )
        self.deliverable.invalidate_recordset()
        self.assertEqual(self.deliverable.project_id, self.project)
        copy = self.deliverable.with_user(self.pm).copy({"confidentiality": "public"})
        self.assertFalse(copy.sudo().attachment_ids)
        self.assertEqual(self.deliverable.sudo().attachment_ids, self.report)
        copy.with_user(self.pm).write({"project_id": other.id})  # no files: allowed
        self.assertEqual(copy.project_id, other)
