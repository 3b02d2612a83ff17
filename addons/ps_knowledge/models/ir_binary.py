from psycopg2.errors import ReadOnlySqlTransaction

from odoo import models
from odoo.http import request


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """Audit every open or download of the file of a confidential or secret
        vault document (``/web/content``, ``/web/image``...). Access itself is
        checked before, by the record rules of the document the attachment is
        bound to."""
        Log = self.env["ps.document.access.log"]
        is_file = record._name == "ir.attachment" and field_name in ("raw", "datas", "db_datas")
        if is_file and not record.env.su:
            # Check before anything is read as superuser: values read with
            # sudo land in the shared cache, and the stream would then be
            # built from the cache without any access check.
            record.check("read")
        audited = is_file and Log._ps_sensitive_documents(record)
        if audited and self.env.cr.readonly:
            # /web/content runs in a read-only transaction first: ask the
            # dispatcher to run the request again in a read/write one, so that
            # the download is served only once it is logged.
            raise ReadOnlySqlTransaction("an audited download needs a read/write transaction")
        stream = super()._record_to_stream(record, field_name)
        if audited:
            download = request and request.params.get("download") in ("true", "1", True)
            Log._ps_log_attachments(record, "download" if download else "open")
        return stream
