from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.ps_base.internal import internal, is_system

from .ps_confidentiality_level import LEVEL_RANK


class PsProjectDeliverable(models.Model):
    _inherit = "ps.project.deliverable"

    document_ids = fields.One2many("ps.document", "deliverable_id", string="Archived Documents")

    # Once submitted, the level at which the files are archived is the one
    # the manager accepts them at.
    _LEVEL_LOCKED_STATES = ("submitted", "accepted")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "confidentiality" in vals:
                self._ps_check_level_value(vals["confidentiality"])
        deliverables = super().create(vals_list)
        if any("attachment_ids" in vals for vals in vals_list):
            deliverables._ps_check_files()
        return deliverables

    def write(self, vals):
        if "confidentiality" in vals:
            self._ps_check_level_change(vals["confidentiality"])
        if "project_id" in vals:
            self._ps_check_project_change(vals["project_id"])
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._ps_check_files()
        return res

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "attachment_ids" not in (default or {}):
            # A copy starts without files: the original's belong to it.
            for vals in vals_list:
                vals.pop("attachment_ids", None)
        return vals_list

    def _ps_may_declassify(self):
        return is_system(self.env) or self.env.user.has_group("base.group_system")

    @api.model
    def _ps_check_level_value(self, level):
        if level not in LEVEL_RANK:
            raise UserError(
                self.env._(
                    "%(level)s is not a confidentiality level: choose one of %(levels)s.",
                    level=level,
                    levels=", ".join(LEVEL_RANK),
                )
            )

    def _ps_check_level_change(self, level):
        """Only administrators lower a deliverable's level (its files are
        archived at it) or change it once the deliverable is submitted."""
        self._ps_check_level_value(level)
        if self._ps_may_declassify():
            return
        labels = dict(self._fields["confidentiality"]._description_selection(self.env))
        for deliverable in self.filtered(lambda d: d.confidentiality != level):
            if deliverable.state in self._LEVEL_LOCKED_STATES:
                raise UserError(
                    self.env._(
                        "Deliverable %(name)s is submitted: its confidentiality (%(level)s) "
                        "is the level its files are archived at and cannot change. Reject it "
                        "first, or ask an administrator.",
                        name=deliverable.name,
                        level=labels.get(deliverable.confidentiality),
                    )
                )
            if LEVEL_RANK[level] < LEVEL_RANK.get(deliverable.confidentiality, 0):
                raise UserError(
                    self.env._(
                        "Only administrators may lower the confidentiality of deliverable "
                        "%(name)s (%(level)s): its files would be archived for more readers.",
                        name=deliverable.name,
                        level=labels.get(deliverable.confidentiality),
                    )
                )

    def _ps_check_project_change(self, project_id):
        """Moving a deliverable with files to another project would hand its
        files to that project's team: administrators only (the form has the
        project read-only once saved)."""
        if self._ps_may_declassify():
            return
        # sudo: whether files are listed, whoever may read them.
        moved = self.sudo().filtered(lambda d: d.project_id.id != project_id and d.attachment_ids)
        if moved:
            raise UserError(
                self.env._(
                    "Deliverable %(name)s has files: only administrators may move it to "
                    "another project, which would widen who reads them.",
                    name=moved[0].name,
                )
            )

    def _ps_check_files(self):
        """A deliverable's files are its own uploads: never a vault document's
        file or another deliverable's, which its acceptance would re-file at
        its own level."""
        if self._ps_may_declassify():
            return
        # sudo: where the listed files are bound, whoever may read them.
        for deliverable in self.sudo():
            for attachment in deliverable.attachment_ids:
                foreign = attachment.res_model == "ps.document" or (
                    attachment.res_model == self._name
                    and attachment.res_id not in (0, deliverable.id)
                )
                if foreign:
                    raise UserError(
                        self.env._(
                            "File %(file)s belongs to another document or deliverable: "
                            "upload the file to deliverable %(name)s instead of linking it.",
                            file=attachment.name,
                            name=deliverable.name,
                        )
                    )

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
                # The system re-files the file: bound to the document, private
                # and without any link that would bypass the document's rules.
                internal(attachment).write(
                    {
                        "res_model": "ps.document",
                        "res_id": document.id,
                        "public": False,
                        "access_token": False,
                    }
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
