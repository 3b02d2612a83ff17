"""Money truth (issue 16): invoiced, collected and outstanding of contracts and
payment milestones now come from Accounting. Recompute the stored figures of
existing databases with the new rules (a collection confirmed before this
version and never registered as a payment no longer counts as collected:
finance registers it in Accounting, where it is reconciled with the invoice
and appears again as a collection)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for model, fnames in (
        ("ps.contract.collection", ["amount_unapplied"]),
        (
            "ps.contract.milestone",
            ["amount_invoiced", "amount_collected", "amount_residual", "is_collected"],
        ),
        (
            "ps.contract",
            ["amount_invoiced", "amount_collected", "amount_outstanding", "amount_credit"],
        ),
    ):
        records = env[model].with_context(active_test=False).search([])
        for fname in fnames:
            env.add_to_compute(env[model]._fields[fname], records)
        records._recompute_recordset(fnames)
    env.flush_all()
