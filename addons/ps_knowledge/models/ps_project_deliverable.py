from odoo import fields, models
from odoo.tools import SQL


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
        if documents:
            # The files now live in the vault: the deliverable lists them as its
            # archived documents, which the vault's rules filter, instead of
            # holding attachments that its readers below their level could not
            # read (its form would fail for them, the manager who accepted it
            # included). SQL: the files of an accepted deliverable are locked.
            self.env.cr.execute(
                SQL(
                    "DELETE FROM ps_project_deliverable_attachment_rel WHERE attachment_id IN %s",
                    tuple(documents.attachment_id.ids),
                )
            )
            self.invalidate_recordset(["attachment_ids"])
        return documents
