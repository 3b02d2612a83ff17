from odoo import fields, models


class PsCustomerLevel(models.Model):
    """Customer level (key / important / normal, or A1/A2/B/C), configured per firm."""

    _name = "ps.customer.level"
    _description = "Customer Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code shown on cards, e.g. A1 or KEY.")
    sequence = fields.Integer(default=10)
    color = fields.Integer(string="Colour")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    pool_days = fields.Integer(
        string="Days Before Public Pool",
        default=0,
        help="A customer of this level that nobody follows up for this many days returns "
        "to the public pool. 0 keeps the customer with its owner.",
    )
    min_won_amount = fields.Float(
        string="Minimum Won Revenue (12 Months)",
        digits="Account",
        help="Used by the level rule: a customer gets the first level (by sequence) whose "
        "minimum its won revenue of the last twelve months reaches. Customers whose level "
        "is set by hand keep it.",
    )
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the level between all companies.",
    )

    _sql_constraints = [
        ("pool_days_positive", "CHECK(pool_days >= 0)", "Days before the pool cannot be negative."),
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A customer level with this code already exists in this company.",
        ),
    ]
