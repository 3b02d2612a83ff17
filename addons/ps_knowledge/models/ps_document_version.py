from odoo import api, fields, models
from odoo.exceptions import UserError

from .ir_attachment import CONTENT_FIELDS


class PsDocumentVersion(models.Model):
    """One version of a vault document: its file (an attachment bound to the
    document), number, author, date and change note. The highest number is
    the current version. Versions are never rewritten: a change is a new
    version."""

    _name = "ps.document.version"
    _description = "Vault Document Version"
    _order = "document_id, version desc, id desc"
    _rec_name = "file_name"

    document_id = fields.Many2one("ps.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    version = fields.Integer(required=True, readonly=True, default=1)
    attachment_id = fields.Many2one(
        "ir.attachment", string="File", required=True, readonly=True, ondelete="cascade"
    )
    file_name = fields.Char(related="attachment_id.name", string="File Name")
    file_size = fields.Integer(related="attachment_id.file_size")
    mimetype = fields.Char(related="attachment_id.mimetype")
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    note = fields.Char(string="Change Note")
    is_current = fields.Boolean(compute="_compute_is_current")

    _sql_constraints = [
        (
            "version_uniq",
            "unique(document_id, version)",
            "A document cannot have the same version number twice.",
        ),
    ]

    @api.depends("document_id.current_version_id")
    def _compute_is_current(self):
        for version in self:
            version.is_current = version.document_id.current_version_id == version

    @api.model_create_multi
    def create(self, vals_list):
        versions = super().create(vals_list)
        for version in versions:
            att = version.attachment_id.sudo()
            if att.res_model != "ps.document" or att.res_id != version.document_id.id:
                raise UserError(
                    self.env._(
                        "The file of a version must be attached to its document %(doc)s.",
                        doc=version.document_id.name,
                    )
                )
        return versions

    def write(self, vals):
        changed = [
            fname
            for fname in vals.keys() - {"note"}
            for version in self
            if self._fields[fname].convert_to_write(version[fname], version) != vals[fname]
        ]
        if changed:
            raise UserError(
                self.env._("A version cannot be changed: upload a new version instead.")
            )
        return super().write(vals)

    def export_data(self, fields_to_export):
        res = super().export_data(fields_to_export)
        # Exporting a version's file content is audited like a download.
        if not self.env.su and any(
            set(path.split("/")) & set(CONTENT_FIELDS) for path in fields_to_export
        ):
            self.env["ps.document.access.log"]._ps_log_attachments(self.sudo().attachment_id, "rpc")
        return res

    def action_open_file(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "download",
        }
