from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .ps_wbs_template import PHASES


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
    ps_phase = fields.Selection(
        PHASES,
        string="Phase",
        default="initiation",
        required=True,
        tracking=True,
        index=True,
        group_expand="_group_expand_ps_phase",
    )
    ps_wbs_template_id = fields.Many2one(
        "ps.wbs.template",
        string="WBS Template",
        copy=False,
        help="The template the project's tasks were created from.",
    )

    ps_gate_ids = fields.One2many("ps.project.gate", "project_id", string="Gates")

    def write(self, vals):
        if vals.get("ps_phase") and vals["ps_phase"] != "initiation":
            for project in self.filtered(lambda p: p.ps_phase == "initiation"):
                approved = project.sudo().ps_gate_ids.filtered(
                    lambda g: g.gate_type == "initiation" and g.state == "approved"
                )
                if not approved:
                    raise UserError(
                        self.env._(
                            "Project %(project)s cannot start before its initiation is approved: "
                            "use Request Initiation Approval.",
                            project=project.name,
                        )
                    )
        return super().write(vals)

    def action_ps_request_initiation(self):
        """Ask for the initiation decision (the approval chain comes from the tier
        definitions of the project's type; without any, it is approved at once)."""
        self.ensure_one()
        self.check_access("write")
        gate = self.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == "initiation" and g.state in ("draft", "approved")
        )[:1]
        if not gate:
            gate = (
                self.env["ps.project.gate"]
                .sudo()
                .create({"project_id": self.id, "gate_type": "initiation"})
            )
        if gate.state == "draft":
            gate = gate.with_user(self.env.user).sudo()
            gate.request_validation()
            if not gate.review_ids:
                gate.action_approve()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.project.gate",
            "res_id": gate.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _group_expand_ps_phase(self, values, domain):
        return [key for key, _label in PHASES]

    def action_ps_apply_wbs_template(self):
        """Create the project's tasks and milestones from its type's template."""
        for project in self:
            template = project.ps_wbs_template_id or project.ps_project_type_id.wbs_template_id
            if not template:
                raise UserError(
                    self.env._(
                        "Project %(project)s has no WBS template: choose one, or a project "
                        "type that has one.",
                        project=project.name,
                    )
                )
            project._ps_instantiate_template(template)
        return True

    def _ps_instantiate_template(self, template):
        """Instantiate ``template`` in this project: one batched create per tree
        level (tasks) plus one for milestones, whatever the number of tasks."""
        self.ensure_one()
        if self.sudo().task_ids.filtered("ps_wbs_code"):
            raise UserError(
                self.env._(
                    "Project %(project)s already has tasks from a template.", project=self.name
                )
            )
        start = self.date_start or fields.Date.context_today(self)
        nodes = template.node_ids.sorted(lambda n: (n.parent_path.count("/"), n.sequence, n.id))
        codes = {}
        siblings = {}
        for node in nodes:
            key = node.parent_id.id
            siblings[key] = siblings.get(key, 0) + 1
            prefix = codes.get(node.parent_id.id)
            codes[node.id] = f"{prefix}.{siblings[key]}" if prefix else str(siblings[key])
        task_of = {}
        Task = self.env["project.task"].with_context(
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            tracking_disable=True,
        )
        by_depth = {}
        for node in nodes:
            by_depth.setdefault(node.parent_path.count("/"), []).append(node)
        # Defaults are the same for every task: computed once here, they spare
        # Odoo a default_get per task (uom, personal stage, working hours...).
        defaults = Task.with_context(default_project_id=self.id).default_get(list(Task._fields))
        for depth in sorted(by_depth):
            level = by_depth[depth]
            tasks = Task.create(
                [
                    defaults
                    | {
                        "name": node.name,
                        "project_id": self.id,
                        "parent_id": task_of.get(node.parent_id.id, False),
                        "sequence": node.sequence,
                        "allocated_hours": node.planned_hours,
                        "ps_date_start": start + timedelta(days=node.offset_days),
                        "date_deadline": start
                        + timedelta(days=node.offset_days + node.duration_days),
                        "ps_wbs_code": codes[node.id],
                        "ps_phase": node.phase,
                        "user_ids": [(6, 0, [])],
                    }
                    for node in level
                ]
            )
            task_of.update({node.id: task.id for node, task in zip(level, tasks, strict=True)})
        milestones = [n for n in nodes if n.is_milestone]
        if milestones:
            self.env["project.milestone"].create(
                [
                    {
                        "name": node.name,
                        "project_id": self.id,
                        "deadline": start + timedelta(days=node.offset_days + node.duration_days),
                    }
                    for node in milestones
                ]
            )
            self.allow_milestones = True
        self.ps_wbs_template_id = template
        return self.env["project.task"].browse(list(task_of.values()))
