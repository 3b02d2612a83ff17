from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ps_cost_category_id = fields.Many2one(
        "ps.cost.category",
        string="Project Cost Category",
        index="btree_not_null",
        ondelete="restrict",
        help="Project costs of this product (expense claims, vendor bills) fall into "
        "this category.",
    )
