from odoo import fields, models


class AccountAccount(models.Model):
    _inherit = "account.account"

    ps_cost_category_id = fields.Many2one(
        "ps.cost.category",
        string="Project Cost Category",
        index="btree_not_null",
        ondelete="restrict",
        help="Project costs booked on this account fall into this category unless "
        "their product or document says otherwise.",
    )
