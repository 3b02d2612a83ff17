from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ps_project_type_id = fields.Many2one(
        "ps.project.type",
        string="Default Project Type",
        index="btree_not_null",
        help="The project type (and so the WBS template) of the delivery project of a "
        "contract selling this service.",
    )
