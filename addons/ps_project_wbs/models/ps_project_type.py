from odoo import fields, models


class PsProjectType(models.Model):
    """Kind of engagement (consulting, audit, training, certification...).

    Each type will carry its WBS template and its approval standard.
    """

    _name = "ps.project.type"
    _description = "Project Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the type between all companies.",
    )
    wbs_template_id = fields.Many2one(
        "ps.wbs.template",
        string="WBS Template",
        domain="[('project_type_id', 'in', [id, False])]",
        help="The work breakdown new projects of this type start from.",
    )
    project_ids = fields.One2many("project.project", "ps_project_type_id")
    project_count = fields.Integer(compute="_compute_project_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A project type with this code already exists in this company.",
        ),
    ]

    def _compute_project_count(self):
        counts = dict(
            self.env["project.project"]._read_group(
                [("ps_project_type_id", "in", self.ids)],
                ["ps_project_type_id"],
                ["__count"],
            )
        )
        for project_type in self:
            project_type.project_count = counts.get(project_type, 0)
