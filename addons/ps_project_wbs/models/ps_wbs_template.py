from odoo import api, fields, models
from odoo.exceptions import ValidationError

PHASES = [
    ("initiation", "Initiation"),
    ("planning", "Planning"),
    ("execution", "Execution"),
    ("monitoring", "Monitoring and Control"),
    ("closing", "Closing"),
]


class PsWbsTemplate(models.Model):
    """A project type's best practice: the tree of work (WBS) every project of
    the type starts from."""

    _name = "ps.wbs.template"
    _description = "WBS Template"
    _order = "name, version desc, id"

    name = fields.Char(required=True, translate=True)
    version = fields.Integer(default=1, required=True, copy=False)
    project_type_id = fields.Many2one("ps.project.type", index=True)
    node_ids = fields.One2many(
        "ps.wbs.template.node", "template_id", string="Work Breakdown", copy=False
    )
    node_count = fields.Integer(compute="_compute_node_count", string="Tasks")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the template between all companies.",
    )

    _sql_constraints = [
        (
            "name_version_uniq",
            "unique(name, version, company_id)",
            "This template already has a version with this number.",
        ),
    ]

    def _compute_node_count(self):
        counts = dict(
            self.env["ps.wbs.template.node"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.node_count = counts.get(template, 0)

    def copy(self, default=None):
        """Copy with the whole tree: nodes are copied level by level so that each
        copy points to its parent's copy."""
        new_templates = super().copy(default)
        for template, new in zip(self, new_templates, strict=True):
            copy_of = {}
            nodes = template.node_ids.sorted(lambda n: (n.parent_path.count("/"), n.sequence, n.id))
            by_depth = {}
            for node in nodes:
                by_depth.setdefault(node.parent_path.count("/"), []).append(node)
            for depth in sorted(by_depth):
                level = by_depth[depth]
                copies = self.env["ps.wbs.template.node"].create(
                    [
                        {
                            "template_id": new.id,
                            "parent_id": copy_of.get(node.parent_id.id, False),
                            "name": node.name,
                            "sequence": node.sequence,
                            "phase": node.phase,
                            "planned_hours": node.planned_hours,
                            "offset_days": node.offset_days,
                            "duration_days": node.duration_days,
                            "is_milestone": node.is_milestone,
                        }
                        for node in level
                    ]
                )
                copy_of.update({n.id: c.id for n, c in zip(level, copies, strict=True)})
        return new_templates

    def action_new_version(self):
        """Copy the template as its next version and archive this one."""
        self.ensure_one()
        latest = max(
            self.with_context(active_test=False)
            .search([("name", "=", self.name), ("company_id", "=", self.company_id.id)])
            .mapped("version")
        )
        new = self.copy({"version": latest + 1, "name": self.name})
        self.active = False
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }


class PsWbsTemplateNode(models.Model):
    """One work package of a template; its position in the tree gives its WBS
    code (1, 1.2, 1.2.3)."""

    _name = "ps.wbs.template.node"
    _description = "WBS Template Task"
    _parent_store = True
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("ps.wbs.template", required=True, ondelete="cascade", index=True)
    parent_id = fields.Many2one(
        "ps.wbs.template.node",
        string="Parent Task",
        ondelete="cascade",
        index=True,
        domain="[('template_id', '=', template_id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ps.wbs.template.node", "parent_id", string="Sub-tasks")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    phase = fields.Selection(PHASES, required=True, default="execution")
    planned_hours = fields.Float()
    offset_days = fields.Integer(string="Starts After (Days)", help="Days after the project start.")
    duration_days = fields.Integer(string="Duration (Days)", default=1)
    is_milestone = fields.Boolean(
        string="Milestone", help="Creates a project milestone due at the end of this task."
    )

    def write(self, vals):
        # Refuse a loop with a clear message before the parent store's own
        # "Recursion Detected." error.
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            ancestors = {int(i) for i in (parent.parent_path or "").split("/") if i}
            looped = self.filtered(lambda n: n.id in ancestors)
            if looped:
                raise ValidationError(
                    self.env._(
                        "Template task %(task)s cannot move under %(parent)s: that is the task "
                        "itself or one of its sub-tasks.",
                        task=looped[0].name,
                        parent=parent.name,
                    )
                )
        return super().write(vals)

    @api.constrains("parent_id", "template_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A template task cannot be its own parent or sub-task.")
            )
        for node in self:
            if node.parent_id and node.parent_id.template_id != node.template_id:
                raise ValidationError(
                    self.env._(
                        "Template task %(task)s and its parent must belong to the same template.",
                        task=node.name,
                    )
                )

    @api.constrains("offset_days", "duration_days", "planned_hours")
    def _check_figures(self):
        for node in self:
            if node.offset_days < 0 or node.duration_days < 0 or node.planned_hours < 0:
                raise ValidationError(
                    self.env._(
                        "Template task %(task)s: days and hours cannot be negative.",
                        task=node.name,
                    )
                )


class ProjectTask(models.Model):
    _inherit = "project.task"

    ps_wbs_code = fields.Char(string="WBS Code", index="btree_not_null", copy=False)
    ps_date_start = fields.Datetime(
        string="Planned Start", help="When the work is planned to start (timeline)."
    )
    ps_phase = fields.Selection(PHASES, string="Phase", index=True)
