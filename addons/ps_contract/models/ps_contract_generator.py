import random
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError


class PsContract(models.Model):
    """Volume generator for benchmarks: realistic contracts with lines,
    milestones, invoice requests and collections in every state."""

    # Kept apart from ps_contract.py: a benchmarking tool, not business logic.
    _inherit = "ps.contract"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _ps_generate(self, count=100, seed=42, batch_size=500):
        """Create ``count`` contracts for existing companies and catalog services,
        in batched creates: a third stay drafts, the others are signed; half of the
        signed ones have an invoice request and a recorded collection paid in
        advance, confirmed (a payment in Accounting) for half of those. Returns the
        contracts. Superuser only (benchmarks)."""
        if not (self.env.is_superuser() or self.env.is_admin()):
            raise AccessError(self.env._("Only administrators generate benchmark contracts."))
        rng = random.Random(seed)
        partners = self.env["res.partner"].search(
            [("is_company", "=", True), ("company_id", "in", [False, self.env.company.id])],
            limit=500,
        )
        products = self.env["product.product"].search(
            [("type", "=", "service"), ("sale_ok", "=", True)], limit=50
        )
        users = self.env["res.users"].search([("share", "=", False)], limit=20)
        if not partners or not products:
            return self.browse()
        today = fields.Date.context_today(self)
        contracts = self.browse()
        for start in range(0, count, batch_size):
            vals_list = []
            for index in range(start, min(count, start + batch_size)):
                begin = today - timedelta(days=rng.randint(0, 365))
                shares = rng.choice([(100,), (50, 50), (30, 40, 30), (20, 30, 30, 20)])
                vals_list.append(
                    {
                        "title": f"Engagement {index + 1}",
                        "partner_id": rng.choice(partners).id,
                        "user_id": rng.choice(users).id,
                        "date_start": begin,
                        "date_end": begin + timedelta(days=rng.randint(60, 360)),
                        "line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "quantity": rng.randint(1, 20),
                                }
                            )
                            for product in rng.sample(list(products), min(len(products), 2))
                        ],
                        "milestone_ids": [
                            Command.create(
                                {
                                    "name": f"Instalment {i + 1}",
                                    "percentage": share,
                                    "date_due": begin + timedelta(days=45 * (i + 1)),
                                }
                            )
                            for i, share in enumerate(shares)
                        ],
                    }
                )
            batch = self.create(vals_list)
            to_sign = batch.filtered(lambda c: c.id % 3 and c.amount_total)
            to_sign.action_submit_review()
            to_sign._ps_demo_approve()  # a sales director approves each
            to_sign.action_sign()
            billed = to_sign.filtered(lambda c: c.id % 2)
            requests = self.env["ps.invoice.request"].create(
                [{"contract_id": c.id, "milestone_id": c.milestone_ids[0].id} for c in billed]
            )
            requests.action_submit()
            collections = self.env["ps.contract.collection"].create(
                [
                    {
                        "contract_id": c.id,
                        "milestone_id": c.milestone_ids[0].id,
                        "amount": c.milestone_ids[0].amount,
                        "date": c.milestone_ids[0].date_due,
                        # paid before its invoice is issued: an advance
                        "is_advance": True,
                    }
                    for c in billed
                ]
            )
            collections.filtered(lambda c: c.id % 2).action_confirm()
            contracts |= batch
        return contracts
