from odoo import fields, models


class PsProjectDeliverable(models.Model):
    _inherit = "ps.project.deliverable"

    document_ids = fields.One2many("ps.document", "deliverable_id", string="Archived Documents")

    def _ps_on_accepted(self):
        res = super()._ps_on_accepted()
        self._ps_archive_files()
        return res

    def _ps_archive_files(self):
        """File the files of accepted deliverables in their project's vault
        folder, at the deliverable's confidentiality level. The attachment is
        bound to the new document, so from now on the vault's rules govern it."""
        # sudo: the system files the documents at the deliverable's level,
        # whatever the clearance of the manager who accepted it.
        Folder = self.env["ps.document.folder"].sudo()
        Document = self.env["ps.document"].sudo()
        documents = Document.browse()
        for deliverable in self.sudo():
            if not deliverable.attachment_ids:
                continue
            folder = Folder._ps_project_folder(deliverable.project_id)
            for attachment in deliverable.attachment_ids:
                document = Document.create(
                    {
                        "name": attachment.name,
                        "description": deliverable.name,
                        "folder_id": folder.id,
                        "project_id": deliverable.project_id.id,
                        "partner_id": deliverable.project_id.partner_id.id,
                        "phase": deliverable.phase,
                        "deliverable_id": deliverable.id,
                        "confidentiality": deliverable.confidentiality,
                        "owner_id": (deliverable.owner_id or self.env.user).id,
                    }
                )
                attachment.write(
                    {"res_model": "ps.document", "res_id": document.id, "public": False}
                )
                document._ps_add_attachment_version(
                    attachment, self.env._("Accepted deliverable %(name)s", name=deliverable.name)
                )
                documents |= document
        return documents
