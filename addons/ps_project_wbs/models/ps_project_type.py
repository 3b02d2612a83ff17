from odoo import fields, models


class PsProjectType(models.Model):
    """Kind of engagement (consulting, audit, training, certification...).

    Each type carries its WBS template, its default deliverables and the
    visibility of its projects; its approval standard is the tier definitions
    of ps.project.gate that filter on it.
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
    deliverable_ids = fields.One2many(
        "ps.wbs.template.deliverable",
        "project_type_id",
        string="Default Deliverables",
        help="Deliverables every project of this type must produce, whatever its template.",
    )
    privacy_visibility = fields.Selection(
        [
            ("followers", "Invited internal users"),
            ("employees", "All internal users"),
            ("portal", "Invited portal users and all internal users"),
        ],
        string="Project Visibility",
        default="followers",
        required=True,
        help="Visibility of the new projects of this type: by default only their members "
        "(followers), their manager and the PMO see them.",
    )
    task_stage_ids = fields.Many2many(
        "project.task.type",
        "ps_project_type_task_stage_rel",
        "project_type_id",
        "stage_id",
        string="Task Stages",
        domain="[('user_id', '=', False)]",
        help="The task stages of the new projects of this type (their kanban columns).",
    )
    ps_quality_review = fields.Boolean(
        string="Quality review before hand-over",
        help="A deliverable of this type's projects is submitted to the customer only "
        "after its quality review (a project gate reviewed by the PMO) was approved.",
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
