from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ps_spec import PHASES


def create_tree(model, items, parent_of, vals_of):
    """Create one ``model`` record per item of a tree, parents first, with one
    ``create()`` per depth level whatever the number of items.

    ``parent_of(item)`` gives the item's parent (falsy or outside ``items`` for a
    root); ``vals_of(item, parent_id)`` the values of its record, ``parent_id``
    being the id of the record created for the parent (False for a root).
    Returns {item id: created record}.
    """
    ids = set(items.ids)
    depth = {}

    def depth_of(item):
        if item.id not in depth:
            parent = parent_of(item)
            depth[item.id] = depth_of(parent) + 1 if parent and parent.id in ids else 0
        return depth[item.id]

    levels = {}
    for item in items:
        levels.setdefault(depth_of(item), []).append(item)
    created = {}
    for level in sorted(levels):
        batch = levels[level]
        records = model.create(
            [
                vals_of(item, created[parent_of(item).id].id if depth[item.id] else False)
                for item in batch
            ]
        )
        created.update({item.id: record for item, record in zip(batch, records, strict=True)})
    return created


def refuse_parent_loop(records, parent_id):
    """Refuse, with a message naming the tasks, to put ``records`` under
    ``parent_id`` when that parent is one of them or below one of them."""
    if not parent_id:
        return
    parent = records.browse(parent_id)
    ancestors = parent
    while ancestors[-1].parent_id and ancestors[-1].parent_id not in ancestors:
        ancestors |= ancestors[-1].parent_id
    looped = records & ancestors
    if looped:
        raise ValidationError(
            records.env._(
                "%(task)s cannot become a sub-task of %(parent)s: that is the task itself "
                "or one of its own sub-tasks.",
                task=looped[0].name,
                parent=parent.name,
            )
        )


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
    deliverable_ids = fields.One2many(
        "ps.wbs.template.deliverable", "template_id", string="Required Deliverables", copy=True
    )
    risk_ids = fields.One2many(
        "ps.wbs.template.risk", "template_id", string="Risk Checklist", copy=True
    )
    knowledge_ids = fields.One2many(
        "ps.wbs.template.knowledge", "template_id", string="Knowledge Checklist", copy=True
    )
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
        """Copy with the whole tree (each copied task under its parent's copy, with
        its dependencies) and the deliverables pointing to the copied tasks."""
        new_templates = super().copy(default)
        for template, new in zip(self, new_templates, strict=True):
            copy_of = create_tree(
                self.env["ps.wbs.template.node"],
                template.node_ids,
                lambda node: node.parent_id,
                lambda node, parent_id, new=new: node._ps_copy_values()
                | {"template_id": new.id, "parent_id": parent_id},
            )
            for node in template.node_ids.filtered("depend_on_ids"):
                copy_of[node.id].depend_on_ids = [
                    fields.Command.set([copy_of[d.id].id for d in node.depend_on_ids])
                ]
            for line in new.deliverable_ids.filtered("node_id"):
                line.node_id = copy_of[line.node_id.id]
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
    role_id = fields.Many2one("hr.job", help="Who should do the work.")
    depend_on_ids = fields.Many2many(
        "ps.wbs.template.node",
        "ps_wbs_template_node_dependency_rel",
        "node_id",
        "depends_on_id",
        string="Blocked By",
        domain="[('template_id', '=', template_id), ('id', '!=', id)]",
    )

    def _ps_copy_values(self):
        """The node's own data (what a copy or a saved template repeats)."""
        self.ensure_one()
        return {
            "name": self.name,
            "sequence": self.sequence,
            "phase": self.phase,
            "planned_hours": self.planned_hours,
            "offset_days": self.offset_days,
            "duration_days": self.duration_days,
            "is_milestone": self.is_milestone,
            "role_id": self.role_id.id,
        }

    def write(self, vals):
        # A clear message before the parent store's own "Recursion Detected.".
        refuse_parent_loop(self, vals.get("parent_id"))
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

    @api.constrains("depend_on_ids")
    def _check_dependencies(self):
        for node in self:
            if node.depend_on_ids.template_id - node.template_id:
                raise ValidationError(
                    self.env._(
                        "Template task %(task)s can only wait for tasks of its own template.",
                        task=node.name,
                    )
                )
        if self._has_cycle("depend_on_ids"):
            raise ValidationError(
                self.env._(
                    "These template tasks wait for each other in a circle (%(tasks)s): remove "
                    "one of the dependencies.",
                    tasks=", ".join(self.mapped("name")),
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


class PsWbsTemplateLine(models.AbstractModel):
    """A checklist line of a template (deliverable, risk, knowledge)."""

    _name = "ps.wbs.template.line"
    _description = "WBS Template Checklist Line"
    _order = "sequence, id"

    template_id = fields.Many2one("ps.wbs.template", ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)


class PsWbsTemplateDeliverable(models.Model):
    """A deliverable every project of the template (or of the project type) must
    produce."""

    _name = "ps.wbs.template.deliverable"
    _description = "Template Deliverable"
    _inherit = ["ps.wbs.template.line", "ps.deliverable.spec"]

    project_type_id = fields.Many2one("ps.project.type", ondelete="cascade", index=True)
    node_id = fields.Many2one(
        "ps.wbs.template.node",
        string="Task",
        ondelete="set null",
        domain="[('template_id', '=', template_id)]",
        help="The task that produces it (its project task gets the deliverable).",
    )

    @api.constrains("template_id", "project_type_id", "node_id")
    def _check_owner(self):
        for line in self:
            if bool(line.template_id) == bool(line.project_type_id):
                raise ValidationError(
                    self.env._(
                        "Deliverable %(name)s belongs either to a template or to a project type.",
                        name=line.name,
                    )
                )
            if line.node_id and line.node_id.template_id != line.template_id:
                raise ValidationError(
                    self.env._(
                        "Deliverable %(name)s: its task must belong to the same template.",
                        name=line.name,
                    )
                )


class PsWbsTemplateRisk(models.Model):
    _name = "ps.wbs.template.risk"
    _description = "Template Risk"
    _inherit = ["ps.wbs.template.line", "ps.risk.spec"]

    template_id = fields.Many2one(required=True)


class PsWbsTemplateKnowledge(models.Model):
    """Knowledge the team must consult or produce (methods, past reports,
    lessons learned of similar projects)."""

    _name = "ps.wbs.template.knowledge"
    _description = "Template Knowledge Item"
    _inherit = ["ps.wbs.template.line"]

    template_id = fields.Many2one(required=True)
    name = fields.Char(required=True, translate=True)
    phase = fields.Selection(PHASES, required=True, default="planning")
    description = fields.Text()
