from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ps_max_owned_customers = fields.Integer(
        string="Customers per Salesperson",
        default=0,
        help="How many customers one salesperson may own; claiming from the public pool "
        "stops at this limit. 0 means no limit.",
    )

    _sql_constraints = [
        (
            "ps_max_owned_customers_positive",
            "CHECK(ps_max_owned_customers >= 0)",
            "The number of customers per salesperson cannot be negative.",
        ),
    ]
