from datetime import timedelta

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ps_on_time_collection_rates(self, partners):
        """{commercial partner: % of the amounts due in the last twelve months
        that were collected (confirmed by finance) by their due date}.

        Two grouped queries whatever the number of customers; customers without
        any milestone due in the period are left out (no history)."""
        rates = super()._ps_on_time_collection_rates(partners)
        today = fields.Date.context_today(self)
        since = today - timedelta(days=365)
        commercial_ids = partners.commercial_partner_id.ids
        # sudo: credit grades are computed for every customer, whoever runs it.
        Milestone = self.env["ps.contract.milestone"].sudo()
        due = Milestone._read_group(
            [
                ("partner_id", "in", commercial_ids),
                ("date_due", ">=", since),
                ("date_due", "<", today),
                ("contract_state", "in", ("signed", "execution", "closed")),
            ],
            ["partner_id"],
            ["amount:sum"],
        )
        if not due:
            return rates
        collections = (
            self.env["ps.contract.collection"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", commercial_ids),
                    ("state", "=", "confirmed"),
                    ("milestone_id.date_due", ">=", since),
                    ("milestone_id.date_due", "<", today),
                ]
            )
        )
        on_time = {}
        per_milestone = {}
        for collection in collections:
            milestone = collection.milestone_id
            if collection.date <= milestone.date_due or collection.reversal_of_id:
                per_milestone[milestone] = per_milestone.get(milestone, 0.0) + collection.amount
        for milestone, amount in per_milestone.items():
            partner = milestone.partner_id
            on_time[partner] = on_time.get(partner, 0.0) + min(max(amount, 0.0), milestone.amount)
        for partner, amount_due in due:
            if amount_due:
                rates[partner] = round(100.0 * on_time.get(partner, 0.0) / amount_due, 2)
        return rates
