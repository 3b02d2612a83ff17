import base64

from odoo.tests import new_test_user

SECRET_BYTES = b"Merger terms: Deco Addict buys Lumber Inc for 12.4 M, signing on Friday."


class PsKnowledgeCommon:
    """A project ('Merger advice') with a confidential document, an outsider
    (internal clearance, not on the project) and a team member."""

    @classmethod
    def _ps_setup_vault(cls):
        env = cls.env
        cls.outsider = new_test_user(
            env,
            login="ps_outsider",
            groups="base.group_user,project.group_project_user,base.group_allow_export",
        )
        cls.member = new_test_user(
            env,
            login="ps_member1",
            groups="base.group_user,project.group_project_user,base.group_allow_export",
        )
        cls.pmo = new_test_user(
            env, login="ps_pmo_user", groups="base.group_user,project.group_project_manager"
        )
        cls.admin_user = new_test_user(env, login="ps_admin1", groups="base.group_system")
        # Clearances are set by an administrator.
        (cls.outsider | cls.member | cls.pmo).write({"ps_clearance": "internal"})
        cls.admin_user.ps_clearance = "secret"
        cls.customer = env["res.partner"].create(
            {"name": "Vault Test Customer", "ps_is_customer": True}
        )
        cls.project = env["project.project"].create(
            {
                "name": "Merger advice",
                "partner_id": cls.customer.id,
                "privacy_visibility": "employees",
                "company_id": env.company.id,
            }
        )
        cls.folder = env["ps.document.folder"].create(
            {"name": "Merger advice", "project_id": cls.project.id}
        )
        cls.document = env["ps.document"].create(
            {
                "name": "Merger term sheet",
                "folder_id": cls.folder.id,
                "confidentiality": "confidential",
                "upload_file": base64.b64encode(SECRET_BYTES),
                "upload_filename": "term_sheet.txt",
            }
        )
        cls.attachment = cls.document.attachment_id
        cls.general_folder = env["ps.document.folder"].create({"name": "Firm methods"})
        cls.method = env["ps.document"].create(
            {
                "name": "Interview guide",
                "folder_id": cls.general_folder.id,
                "upload_file": base64.b64encode(b"Ask open questions first."),
                "upload_filename": "guide.txt",
            }
        )

    @classmethod
    def _ps_admit_member(cls):
        """Give the member confidential clearance and put them on the project."""
        cls.member.ps_clearance = "confidential"
        cls.project.message_subscribe(partner_ids=cls.member.partner_id.ids)
