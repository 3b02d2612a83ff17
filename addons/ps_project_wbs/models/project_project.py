from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    ps_project_type_id = fields.Many2one(
        "ps.project.type",
        string="Project Type",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
