from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def read(self, fields=None, load="_classic_read"):
        records = super().read(fields, load=load)
        # Reading the content of vault files through the API is audited like a
        # download (the web client's forms ask for sizes only: bin_size).
        content = {"datas", "raw", "db_datas"}
        if (
            (not fields or content & set(fields))
            and not self.env.context.get("bin_size")
            and not self.env.su
        ):
            self.env["ps.document.access.log"]._ps_log_attachments(self, "rpc")
        return records
