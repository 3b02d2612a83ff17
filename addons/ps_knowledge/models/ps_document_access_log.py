import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

from .ps_confidentiality_level import CONFIDENTIAL_RANK

_logger = logging.getLogger(__name__)


class PsDocumentAccessLog(models.Model):
    """Who opened or downloaded confidential or secret content, what, when and
    how. Written by the system only, read by administrators only, and never
    changed or deleted (append-only)."""

    _name = "ps.document.access.log"
    _description = "Vault Access Log"
    _order = "date desc, id desc"
    _log_access = True

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    document_id = fields.Many2one("ps.document", readonly=True, index=True, ondelete="set null")
    document_name = fields.Char(readonly=True)
    attachment_id = fields.Many2one("ir.attachment", readonly=True, ondelete="set null")
    file_name = fields.Char(readonly=True)
    confidentiality = fields.Selection(
        selection="_selection_confidentiality", string="Confidentiality Level", readonly=True
    )
    access_type = fields.Selection(
        [("open", "Opened"), ("download", "Downloaded"), ("rpc", "Read through the API")],
        string="How",
        required=True,
        readonly=True,
    )
    ip_address = fields.Char(string="IP Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _selection_confidentiality(self):
        return self.env["ps.confidentiality.level"]._ps_selection()

    def write(self, vals):
        if self:
            self.check_access("write")
            raise UserError(self.env._("The access log is append-only: entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The access log is append-only: entries cannot be deleted."))

    @api.model
    def _ps_sensitive_documents(self, attachments):
        """The confidential or secret documents ``attachments`` are files of."""
        # sudo: only used to decide whether to log, after access was checked.
        attachments = (
            attachments.sudo()
            .with_context(prefetch_fields=False)
            .filtered(lambda a: a.res_model == "ps.document")
        )
        documents = self.env["ps.document"].sudo().browse(attachments.mapped("res_id")).exists()
        return documents.filtered(lambda d: d.confidentiality_rank >= CONFIDENTIAL_RANK)

    @api.model
    def _ps_log_attachments(self, attachments, access_type):
        """Log the access of the current user to ``attachments`` that are files
        of confidential or secret documents (others are not logged)."""
        # sudo: the user reads the file, the system writes the log they cannot.
        attachments = attachments.sudo()
        sensitive = self._ps_sensitive_documents(attachments)
        if not sensitive:
            return self.browse()
        ip_address = False
        if request:
            ip_address = request.httprequest.remote_addr
        vals_list = [
            {
                "user_id": self.env.uid,
                "document_id": doc.id,
                "document_name": doc.name,
                "attachment_id": attachment.id,
                "file_name": attachment.name,
                "confidentiality": doc.confidentiality,
                "access_type": access_type,
                "ip_address": ip_address,
                "company_id": doc.company_id.id,
            }
            for attachment in attachments
            for doc in sensitive
            if doc.id == attachment.res_id
        ]
        return self.sudo().create(vals_list)
