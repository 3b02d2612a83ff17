from odoo import models
from odoo.http import request


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """Audit every open or download of the file of a confidential or secret
        vault document (``/web/content``, ``/web/image``...). Access itself is
        checked before, by the record rules of the document the attachment is
        bound to."""
        stream = super()._record_to_stream(record, field_name)
        if record._name == "ir.attachment" and field_name in ("raw", "datas", "db_datas"):
            download = request and request.params.get("download") in ("true", "1", True)
            self.env["ps.document.access.log"]._ps_log_attachments(
                record, "download" if download else "open"
            )
        return stream
