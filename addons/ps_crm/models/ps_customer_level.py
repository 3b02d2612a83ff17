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
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the level between all companies.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A customer level with this code already exists in this company.",
        ),
    ]
