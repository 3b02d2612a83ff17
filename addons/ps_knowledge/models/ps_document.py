from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ps_base.internal import is_system
from odoo.addons.ps_project_wbs.models.ps_wbs_template import PHASES

from .ir_attachment import CONTENT_FIELDS, check_group_content
from .ps_confidentiality_level import LEVEL_RANK


class PsDocument(models.Model):
    """A document of the vault: one or more versions of a file, filed in a
    folder, at a confidentiality level. The files are attachments bound to the
    document (``res_model='ps.document'``), so whoever cannot read the
    document cannot read, search or download its files either: record rules
    on the document compare the user's clearance with the level and, for
    project documents, require membership of the project."""

    _name = "ps.document"
    _description = "Vault Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "write_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, index="trigram")
    description = fields.Text()
    active = fields.Boolean(default=True)
    folder_id = fields.Many2one(
        "ps.document.folder",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    # The document belongs to its folder's company (no check_company on the
    # folder: a new document has no company before its folder is chosen).
    company_id = fields.Many2one(related="folder_id.company_id", store=True, index=True)
    confidentiality = fields.Selection(
        selection="_selection_confidentiality",
        string="Confidentiality Level",
        compute="_compute_confidentiality",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        help="Inherited from the folder; only administrators may lower it.",
    )
    confidentiality_rank = fields.Integer(
        compute="_compute_confidentiality_rank", store=True, index=True, precompute=True
    )
    project_id = fields.Many2one(
        "project.project",
        compute="_compute_project_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain="[('ps_is_customer', '=', True)]",
    )
    contract_ref = fields.Reference(
        selection="_selection_contract_ref",
        string="Contract",
        help="The service contract the document belongs to (when Contracts is installed).",
    )
    phase = fields.Selection(PHASES)
    deliverable_id = fields.Many2one(
        "ps.project.deliverable",
        index="btree_not_null",
        ondelete="set null",
        domain="[('project_id', '=', project_id)]",
    )
    tag_ids = fields.Many2many("ps.document.tag", string="Tags")
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    version_ids = fields.One2many("ps.document.version", "document_id", string="Versions")
    version_count = fields.Integer(compute="_compute_version_count")
    current_version_id = fields.Many2one(
        "ps.document.version",
        compute="_compute_current_version_id",
        store=True,
    )
    version_number = fields.Integer(related="current_version_id.version", string="Version")
    attachment_id = fields.Many2one(
        related="current_version_id.attachment_id", string="Current File"
    )
    file_name = fields.Char(related="current_version_id.file_name")
    index_content = fields.Text(
        string="Content",
        compute="_compute_index_content",
        store=True,
        help="Text of the current file, for full-text search.",
    )
    upload_file = fields.Binary(
        string="New File",
        compute="_compute_upload",
        inverse="_inverse_upload",
        attachment=False,
        help="Uploading a file adds it as the new current version.",
    )
    upload_filename = fields.Char(compute="_compute_upload", inverse="_inverse_upload")
    upload_note = fields.Char(
        string="Change Note", compute="_compute_upload", inverse="_inverse_upload"
    )

    @api.model
    def _selection_confidentiality(self):
        return self.env["ps.confidentiality.level"]._ps_selection()

    @api.model
    def _selection_contract_ref(self):
        return [(m, self.env[m]._description) for m in ("ps.contract",) if m in self.env]

    @api.depends("folder_id")
    def _compute_confidentiality(self):
        for doc in self:
            folder_level = doc.folder_id.confidentiality or "internal"
            if not doc.confidentiality or LEVEL_RANK[doc.confidentiality] < LEVEL_RANK.get(
                folder_level, 0
            ):
                doc.confidentiality = folder_level

    @api.depends("confidentiality")
    def _compute_confidentiality_rank(self):
        for doc in self:
            doc.confidentiality_rank = LEVEL_RANK.get(doc.confidentiality, 0)

    @api.depends("folder_id")
    def _compute_project_id(self):
        for doc in self:
            if doc.folder_id.project_id:
                doc.project_id = doc.folder_id.project_id

    @api.depends("project_id")
    def _compute_partner_id(self):
        for doc in self:
            if doc.project_id.partner_id:
                doc.partner_id = doc.project_id.partner_id

    def _compute_version_count(self):
        counts = dict(
            self.env["ps.document.version"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for doc in self:
            doc.version_count = counts.get(doc, 0)

    @api.depends("version_ids.version")
    def _compute_current_version_id(self):
        for doc in self:
            doc.current_version_id = doc.version_ids.sorted("version")[-1:]

    @api.depends("current_version_id")
    def _compute_index_content(self):
        for doc in self:
            # sudo: the text indexed by ir.attachment, copied on the document
            # whose record rules guard it.
            text = doc.current_version_id.attachment_id.sudo().index_content
            doc.index_content = text if text and text not in ("text", "application") else False

    def _compute_upload(self):
        self.upload_file = False
        self.upload_filename = False
        self.upload_note = False

    def _inverse_upload(self):
        for doc in self:
            if doc.upload_file:
                doc._ps_add_version(doc.upload_file, doc.upload_filename, doc.upload_note)

    @api.constrains("confidentiality", "folder_id")
    def _check_confidentiality(self):
        if self._ps_is_admin():
            return
        clearance = self.env.user.ps_clearance_rank
        for doc in self:
            if doc.confidentiality_rank < LEVEL_RANK.get(doc.folder_id.confidentiality, 0):
                raise ValidationError(
                    self.env._(
                        "Document %(doc)s cannot be less confidential than its folder "
                        "%(folder)s (%(level)s): choose that level or a higher one.",
                        doc=doc.name,
                        folder=doc.folder_id.display_name,
                        level=doc.folder_id._ps_level_label(),
                    )
                )
            if doc.confidentiality_rank > clearance:
                raise ValidationError(
                    self.env._(
                        "You cannot file document %(doc)s as %(level)s: that is above your "
                        "clearance. Ask an administrator.",
                        doc=doc.name,
                        level=doc._ps_level_label(),
                    )
                )

    def write(self, vals):
        if "confidentiality" in vals and not self._ps_is_admin():
            new_rank = LEVEL_RANK.get(vals["confidentiality"], 0)
            lowered = self.filtered(lambda d: d.confidentiality_rank > new_rank)
            if lowered:
                raise UserError(
                    self.env._(
                        "Only administrators may lower the confidentiality of %(doc)s (%(level)s).",
                        doc=lowered[0].name,
                        level=lowered[0]._ps_level_label(),
                    )
                )
        if vals.keys() & {"project_id", "folder_id"} and not self._ps_is_admin():
            # Moving to another project's folder changes the project as well.
            moved = self.filtered(
                lambda d: d.project_id and d._ps_project_after(vals) != d.project_id
            )
            if moved:
                raise UserError(
                    self.env._(
                        "Document %(doc)s belongs to project %(project)s: only administrators "
                        "may take it out of the project, which would widen who reads it.",
                        doc=moved[0].name,
                        project=moved[0].project_id.display_name,
                    )
                )
        return super().write(vals)

    def _ps_project_after(self, vals):
        """The project the document would belong to after writing ``vals``."""
        self.ensure_one()
        if "project_id" in vals:
            return self.env["project.project"].browse(vals["project_id"] or ())
        folder = self.env["ps.document.folder"].browse(vals["folder_id"] or ())
        return folder.project_id or self.project_id

    def _ps_is_admin(self):
        return is_system(self.env) or self.env.user.has_group("base.group_system")

    # -- the full text through the API ----------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        # The full text of a confidential or secret document is its content:
        # reading it through the API (read, search_read, web_read) is audited
        # like a download.
        records = super()._read_format(fnames, load=load)
        if "index_content" in fnames and not self.env.su:
            self._ps_log_content(self.sudo().attachment_id)
        return records

    def export_data(self, fields_to_export):
        res = super().export_data(fields_to_export)
        if not self.env.su:
            paths = [set(path.split("/")) for path in fields_to_export]
            content = [path for path in paths if path & set(CONTENT_FIELDS)]
            if any("version_ids" in path for path in content):
                self._ps_log_content(self.sudo().version_ids.attachment_id)
            elif content:
                self._ps_log_content(self.sudo().attachment_id)
        return res

    def _ps_log_content(self, attachments):
        return self.env["ps.document.access.log"]._ps_log_attachments(attachments, "rpc")

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not self.env.su:
            check_group_content(self.env, ["index_content"], groupby, aggregates, having, order)
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    def onchange(self, values, field_names, fields_spec):
        # The full text is never shown in a form: an onchange does not return it.
        if not self.env.su:
            fields_spec = {k: v for k, v in fields_spec.items() if k != "index_content"}
        return super().onchange(values, field_names, fields_spec)

    def _ps_level_label(self):
        self.ensure_one()
        return dict(self._selection_confidentiality()).get(self.confidentiality, "")

    def _ps_add_version(self, datas, filename=False, note=False):
        """Add ``datas`` (base64) as the new current version of the document.
        The file is an attachment bound to the document, never public."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename or self.name,
                "datas": datas,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return self._ps_add_attachment_version(attachment, note)

    def _ps_add_attachment_version(self, attachment, note=False):
        self.ensure_one()
        number = max(self.version_ids.mapped("version"), default=0) + 1
        return self.env["ps.document.version"].create(
            {
                "document_id": self.id,
                "attachment_id": attachment.id,
                "version": number,
                "note": note,
            }
        )

    def action_open_file(self):
        """Open the current file (the download is audited for confidential
        and secret documents)."""
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(
                self.env._("Document %(doc)s has no file yet: upload one.", doc=self.name)
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "download",
        }

    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_knowledge.ps_document_version_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action
