from odoo import fields, models


class PsCostCategory(models.Model):
    """Category of project cost (labour, travel, outsourcing, materials...).

    Every analytic line of a project will fall into exactly one category.
    """

    _name = "ps.cost.category"
    _description = "Project Cost Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the category between all companies.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A cost category with this code already exists in this company.",
        ),
    ]
