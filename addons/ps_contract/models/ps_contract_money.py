"""One helper for the money figures of a contract and of a payment milestone.

Accounting is the source of truth: invoiced is what the posted customer
invoices and credit notes say, outstanding their open receivable residuals,
collected what customers paid on them plus the advances they paid before an
invoice and that no invoice consumed yet. The contract and its milestones
compute their figures here, over their own invoices and collections.
"""

from odoo import fields

RECEIVABLE = "asset_receivable"
INVOICE_TYPES = ("out_invoice", "out_refund")


def receivable_lines(moves):
    """The receivable journal items of the posted customer invoices and credit
    notes among ``moves`` (read as superuser: the figures cover invoices the
    user may not read)."""
    moves = moves.sudo().filtered(lambda m: m.state == "posted" and m.move_type in INVOICE_TYPES)
    return moves.line_ids.filtered(lambda line: line.account_id.account_type == RECEIVABLE)


def money_figures(moves, collections, today=None):
    """The figures of ``moves`` (customer invoices and credit notes) and of the
    confirmed ``collections`` paid against them, in the invoices' currency:

    * ``invoiced``: invoices minus credit notes;
    * ``outstanding``: what customers still owe on them (positive residuals);
    * ``credit``: what the firm owes back (open credit notes) plus advances
      received and not consumed by an invoice yet;
    * ``collected``: money received: paid on the invoices, plus open advances;
    * ``overdue``: the part of ``outstanding`` past its due date.

    ``invoiced - collected == outstanding - credit`` always, and
    ``0 <= overdue <= outstanding``.
    """
    today = today or fields.Date.today()
    moves = moves.sudo().filtered(lambda m: m.state == "posted" and m.move_type in INVOICE_TYPES)
    lines = receivable_lines(moves)
    residuals = [(line.amount_residual_currency, line.date_maturity) for line in lines]
    invoiced = sum(moves.mapped("amount_total_in_currency_signed"))
    outstanding = sum(r for r, _due in residuals if r > 0)
    overdue = sum(r for r, due in residuals if r > 0 and due and due < today)
    owed_back = -sum(r for r, _due in residuals if r < 0)
    advance = sum(collections.sudo().mapped("amount_unapplied"))
    return {
        "invoiced": invoiced,
        "outstanding": outstanding,
        "overdue": overdue,
        "credit": owed_back + advance,
        "collected": invoiced - (outstanding - owed_back) + advance,
    }
