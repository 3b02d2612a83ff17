from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.ps_base.internal import internal

from .project_task import BATCH_KEY
from .ps_wbs_template import create_tree


class ProjectProject(models.Model):
    """WBS templates: a project's tasks, milestones, deliverables, risks and
    knowledge checklist from its template, and a project saved as a template."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

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
        """Instantiate ``template`` in this project: tasks (one create per tree
        level), their dependencies, milestones, deliverables, risks and the
        knowledge checklist, with a number of queries that does not grow with
        the number of tasks."""
        self.ensure_one()
        if self.sudo().task_ids.filtered("ps_wbs_code"):
            raise UserError(
                self.env._(
                    "Project %(project)s already has tasks from a template.", project=self.name
                )
            )
        start = self.date_start or fields.Date.context_today(self)
        nodes = template.node_ids.sorted(lambda n: (n.parent_path.count("/"), n.sequence, n.id))
        codes, siblings = {}, {}
        for node in nodes:
            key = node.parent_id.id
            siblings[key] = siblings.get(key, 0) + 1
            prefix = codes.get(node.parent_id.id)
            codes[node.id] = f"{prefix}.{siblings[key]}" if prefix else str(siblings[key])

        def deadline(node):
            return start + timedelta(days=node.offset_days + node.duration_days)

        milestone_nodes = nodes.filtered("is_milestone")
        milestones = self.env["project.milestone"].create(
            [
                {"name": node.name, "project_id": self.id, "deadline": deadline(node)}
                for node in milestone_nodes
            ]
        )
        milestone_of = dict(zip(milestone_nodes.ids, milestones.ids, strict=True))

        Task = internal(self.env["project.task"]).with_context(
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            tracking_disable=True,
            **{BATCH_KEY: True},
        )
        # Defaults are the same for every task: computed once here, they spare
        # Odoo a default_get per task. Template tasks start unassigned: said
        # explicitly, or Odoo assigns them to whoever instantiates the template
        # (e.g. the salesperson handing a signed contract over to delivery).
        defaults = Task.with_context(default_project_id=self.id).default_get(list(Task._fields))
        defaults["user_ids"] = []
        defaults["personal_stage_type_id"] = False
        task_of = create_tree(
            Task,
            nodes,
            lambda node: node.parent_id,
            lambda node, parent_id: defaults
            | {
                "name": node.name,
                "project_id": self.id,
                "parent_id": parent_id,
                "sequence": node.sequence,
                "allocated_hours": node.planned_hours,
                "ps_date_start": start + timedelta(days=node.offset_days),
                "date_deadline": deadline(node),
                "ps_wbs_code": codes[node.id],
                "ps_phase": node.phase,
                "ps_role_id": node.role_id.id,
                "milestone_id": milestone_of.get(node.id, False),
            },
        )
        tasks = self.env["project.task"].browse([task_of[node.id].id for node in nodes])
        # What Odoo's create does task by task, once for all of them.
        tasks.message_subscribe(self.env.user.partner_id.ids)
        pairs = [
            (task_of[node.id].id, task_of[dep.id].id)
            for node in nodes
            for dep in node.depend_on_ids
        ]
        if pairs:
            # The template refuses cycles, so the copied dependencies have none.
            self.env.cr.execute(
                SQL(
                    "INSERT INTO task_dependencies_rel (task_id, depends_on_id) VALUES %s",
                    SQL(", ").join(SQL("(%s, %s)", a, b) for a, b in pairs),
                )
            )
            tasks.invalidate_recordset(["depend_on_ids", "dependent_ids"])

        lines = template.deliverable_ids
        names = set(lines.mapped("name"))
        lines |= self.ps_project_type_id.deliverable_ids.filtered(lambda d: d.name not in names)
        self.env["ps.project.deliverable"].create(
            [
                line._ps_spec_values()
                | {
                    "project_id": self.id,
                    "task_id": task_of[line.node_id.id].id if line.node_id else False,
                    "date_due": (deadline(line.node_id) if line.node_id else self.date or False),
                    "owner_id": self.user_id.id,
                }
                for line in lines
            ]
        )
        self.env["ps.project.risk"].create(
            [
                risk._ps_spec_values() | {"project_id": self.id, "owner_id": self.user_id.id}
                for risk in template.risk_ids
            ]
        )
        self.env["ps.project.knowledge.check"].create(
            [
                {
                    "project_id": self.id,
                    "sequence": item.sequence,
                    "name": item.name,
                    "phase": item.phase,
                    "description": item.description,
                }
                for item in template.knowledge_ids
            ]
        )
        vals = {"ps_wbs_template_id": template.id}
        if milestones:
            vals["allow_milestones"] = True
        self.write(vals)
        return tasks

    def action_ps_save_as_template(self):
        """Save the project's work breakdown as a new template of its type:
        tasks with their hours, offsets, durations and dependencies, the
        deliverables, risks and knowledge checklist."""
        self.ensure_one()
        self.check_access("read")
        start = self.date_start or (self.create_date and self.create_date.date())
        tasks = self.env["project.task"].search([("project_id", "=", self.id)])
        template = self.env["ps.wbs.template"].create(
            {
                "name": self.name,
                "project_type_id": self.ps_project_type_id.id,
                "company_id": self.company_id.id,
                "risk_ids": [fields.Command.create(r._ps_spec_values()) for r in self.ps_risk_ids],
                "knowledge_ids": [
                    fields.Command.create(
                        {
                            "name": k.name,
                            "phase": k.phase or "planning",
                            "description": k.description,
                        }
                    )
                    for k in self.ps_knowledge_check_ids
                ],
            }
        )

        def day(value):
            return value.date() if value else None

        def node_vals(task, parent_id):
            begin = day(task.ps_date_start) or day(task.date_deadline) or start
            end = day(task.date_deadline) or begin
            return {
                "template_id": template.id,
                "parent_id": parent_id,
                "name": task.name,
                "sequence": task.sequence,
                "phase": task.ps_phase or "execution",
                "planned_hours": task.allocated_hours,
                "offset_days": max((begin - start).days, 0),
                "duration_days": max((end - begin).days, 0),
                "is_milestone": bool(task.milestone_id) and task.milestone_id.name == task.name,
                "role_id": task.ps_role_id.id,
            }

        node_of = create_tree(
            self.env["ps.wbs.template.node"],
            tasks,
            lambda task: task.parent_id,
            node_vals,
        )
        for task in tasks.filtered("depend_on_ids"):
            deps = [node_of[d.id].id for d in task.depend_on_ids if d.id in node_of]
            node_of[task.id].depend_on_ids = [fields.Command.set(deps)]
        # The deliverables, once the nodes they belong to exist: one create.
        self.env["ps.wbs.template.deliverable"].create(
            [
                deliverable._ps_spec_values()
                | {
                    "template_id": template.id,
                    "node_id": node_of[deliverable.task_id.id].id
                    if deliverable.task_id.id in node_of
                    else False,
                }
                for deliverable in self.ps_deliverable_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.wbs.template",
            "res_id": template.id,
            "view_mode": "form",
            "target": "current",
        }
