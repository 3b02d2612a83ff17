from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ps_max_owned_customers = fields.Integer(
        string="Customers per Salesperson",
        default=0,
        help="How many customers one salesperson may own; claiming from the public pool "
        "stops at this limit. 0 means no limit.",
    )

    ps_big_deal_amount = fields.Monetary(
        string="Big Deal Amount",
        currency_field="currency_id",
        help="An opportunity whose expected revenue reaches this amount alerts the sales "
        "director (its team's leader) when it enters the pipeline. 0 means no alert.",
    )

    _sql_constraints = [
        (
            "ps_max_owned_customers_positive",
            "CHECK(ps_max_owned_customers >= 0)",
            "The number of customers per salesperson cannot be negative.",
        ),
        (
            "ps_big_deal_amount_positive",
            "CHECK(ps_big_deal_amount >= 0)",
            "The big deal amount cannot be negative.",
        ),
    ]
