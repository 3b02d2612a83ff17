from odoo import fields, models


class PsCustomerType(models.Model):
    """Customer type (enterprise, government or institution, individual, partner firm...)."""

    _name = "ps.customer.type"
    _description = "Customer Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the type between all companies.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A customer type with this name already exists in this company.",
        ),
    ]
