from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    """An invoice issued from an invoice request is corrected by reversing the
    request (a credit note), never by resetting or cancelling the invoice in
    Accounting: the request would stay "Invoiced" and the contract would still
    count it."""

    _inherit = "account.move"

    def _ps_check_not_issued_from_request(self):
        if self.env.su:
            return
        requests = (
            self.env["ps.invoice.request"]
            .sudo()
            .search([("move_id", "in", self.ids), ("state", "=", "issued")], limit=1)
        )
        if requests:
            raise UserError(
                self.env._(
                    "Invoice %(invoice)s was issued from invoice request %(request)s: correct "
                    "it with Reverse on the request (a credit note), not by resetting or "
                    "cancelling the invoice.",
                    invoice=requests.move_id.display_name,
                    request=requests.name,
                )
            )

    def button_draft(self):
        self._ps_check_not_issued_from_request()
        return super().button_draft()

    def button_cancel(self):
        self._ps_check_not_issued_from_request()
        return super().button_cancel()
