from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import internal


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


class AccountPartialReconcile(models.Model):
    """One fact, two doors: a customer payment registered in Accounting and
    reconciled with a contract's invoice appears on the contract as a
    confirmed collection (marked *Registered in Accounting*). Unreconciling
    it in Accounting reverses that collection. The contract's figures are
    Accounting's whichever door the money came through."""

    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._ps_record_collections()
        return partials

    def _ps_contract_pairs(self):
        """(partial, invoice request, payment) for the partials reconciling a
        contract's customer invoice with a payment (read as superuser: this
        runs for whoever reconciles, and only records what Accounting did)."""
        partials = self.sudo()
        moves = (partials.debit_move_id | partials.credit_move_id).move_id
        requests = self.env["ps.invoice.request"].sudo().search([("move_id", "in", moves.ids)])
        by_move = {request.move_id: request for request in requests}
        pairs = []
        for partial in partials:
            invoice_line, other = partial.debit_move_id, partial.credit_move_id
            request = by_move.get(invoice_line.move_id)
            payment = other.move_id.origin_payment_id
            if request and payment and invoice_line.move_id.move_type == "out_invoice":
                pairs.append((partial, request, payment))
        return pairs

    def _ps_record_collections(self):
        Collection = internal(self.env["ps.contract.collection"].sudo())
        for partial, request, payment in self._ps_contract_pairs():
            contract = request.contract_id
            existing = Collection.search(
                [
                    ("payment_id", "=", payment.id),
                    ("reversal_of_id", "=", False),
                    ("is_reversed", "=", False),
                ]
            )
            if existing.filtered(lambda c: not c.from_accounting):
                # the suite's own collection (or an advance it consumes)
                continue
            mine = existing.filtered(lambda c, ct=contract: c.contract_id == ct)
            amount = partial.debit_amount_currency
            if mine:
                mine[:1].amount += amount
                continue
            Collection.create(
                {
                    "contract_id": contract.id,
                    "milestone_id": request.milestone_id.id,
                    "amount": amount,
                    "date": payment.date,
                    "method": "bank",
                    "payment_id": payment.id,
                    "from_accounting": True,
                    "state": "confirmed",
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                    "note": self.env._(
                        "Payment %(payment)s registered in Accounting on invoice %(invoice)s.",
                        payment=payment.display_name,
                        invoice=request.move_id.display_name,
                    ),
                }
            )

    def unlink(self):
        # What Accounting unreconciles from a payment registered there is no
        # longer collected: its collection is reversed (the suite's own
        # collections are reversed by finance, which unreconciles them itself).
        to_reverse = self.env["ps.contract.collection"].sudo()
        for _partial, request, payment in self._ps_contract_pairs():
            to_reverse |= to_reverse.search(
                [
                    ("payment_id", "=", payment.id),
                    ("contract_id", "=", request.contract_id.id),
                    ("from_accounting", "=", True),
                    ("is_reversed", "=", False),
                    ("reversal_of_id", "=", False),
                ]
            )
        result = super().unlink()
        for collection in to_reverse:
            internal(collection)._ps_create_reversal(self.env._("Unreconciled in Accounting."))
        return result
