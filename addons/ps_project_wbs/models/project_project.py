from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.project.models.project_task import CLOSED_STATES
from odoo.addons.ps_base.internal import internal, is_system

from .project_task import BATCH_KEY, CANCELED
from .ps_wbs_template import PHASES, create_tree

# The gate a project must have passed to enter a phase.
PHASE_NEEDS_GATE = {
    "planning": "initiation",
    "execution": "plan",
    "monitoring": "plan",
    "closing": "closure",
}


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
    ps_deliverable_ids = fields.One2many(
        "ps.project.deliverable", "project_id", string="Deliverables"
    )
    ps_risk_ids = fields.One2many("ps.project.risk", "project_id", string="Risks and Issues")
    ps_knowledge_check_ids = fields.One2many(
        "ps.project.knowledge.check", "project_id", string="Knowledge Checklist"
    )
    ps_deliverable_count = fields.Integer(compute="_compute_ps_counts")
    ps_risk_count = fields.Integer(compute="_compute_ps_counts", string="Open Risks")
    ps_gate_count = fields.Integer(compute="_compute_ps_counts")
    ps_lessons_learned = fields.Html(string="Lessons Learned", copy=False)

    ps_baseline_version = fields.Integer(
        string="Baseline Version",
        readonly=True,
        copy=False,
        help="0 until the plan is approved; each approved change request adds one.",
    )
    ps_baseline_date = fields.Datetime(string="Baselined On", readonly=True, copy=False)

    # Roll-ups of the project's tasks, stored for lists and dashboards.
    ps_planned_hours = fields.Float(
        string="Planned Hours", compute="_compute_ps_rollups", store=True, copy=False
    )
    ps_spent_hours = fields.Float(
        string="Spent Hours", compute="_compute_ps_rollups", store=True, copy=False
    )
    ps_progress = fields.Float(
        string="Progress (%)",
        compute="_compute_ps_progress",
        store=True,
        aggregator="avg",
        help="Work done: the progress of the project's tasks (done = 100 %, else the "
        "progress entered), weighted by their planned hours (equally when no task has "
        "hours). Cancelled tasks do not count. Never above 100 %.",
    )
    ps_hours_burn = fields.Float(
        string="Hours Burn (%)",
        compute="_compute_ps_rollups",
        store=True,
        aggregator="avg",
        help="Hours spent against planned hours, in %. Burning hours is not progress: "
        "this can exceed 100 %.",
    )
    ps_schedule_variance_days = fields.Integer(
        string="Schedule Variance (Days)",
        compute="_compute_ps_rollups",
        store=True,
        aggregator="max",
        help="Largest slip of a task deadline past its baseline, in days.",
    )

    @api.depends(
        "task_ids.allocated_hours",
        "task_ids.effective_hours",
        "task_ids.ps_schedule_variance_days",
        "task_ids.project_id",
    )
    def _compute_ps_rollups(self):
        rows = {
            project.id: (planned, spent, slip)
            for project, planned, spent, slip in self.env["project.task"]
            .with_context(active_test=False)
            .sudo()
            ._read_group(
                [("project_id", "in", self.ids), ("active", "=", True)],
                ["project_id"],
                ["allocated_hours:sum", "effective_hours:sum", "ps_schedule_variance_days:max"],
            )
        }
        for project in self:
            planned, spent, slip = rows.get(project.id, (0.0, 0.0, 0))
            project.ps_planned_hours = planned
            project.ps_spent_hours = spent
            project.ps_hours_burn = 100.0 * spent / planned if planned else 0.0
            project.ps_schedule_variance_days = slip or 0

    @api.depends(
        "task_ids.ps_progress",
        "task_ids.allocated_hours",
        "task_ids.state",
        "task_ids.parent_id",
        "task_ids.active",
        "task_ids.project_id",
    )
    def _compute_ps_progress(self):
        progress = {}
        if self.ids:
            # One query for all the projects: the leaf tasks' progress weighted
            # by their planned hours (equal weights when none has hours).
            self.env["project.task"].flush_model(
                ["project_id", "parent_id", "active", "state", "allocated_hours", "ps_progress"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT t.project_id,
                           SUM(t.allocated_hours * t.ps_progress),
                           SUM(t.allocated_hours),
                           SUM(t.ps_progress),
                           COUNT(*)
                      FROM project_task t
                     WHERE %(leaves)s AND t.project_id IN %(ids)s
                  GROUP BY t.project_id
                    """,
                    leaves=self._ps_leaf_tasks_sql(SQL.identifier("t")),
                    ids=tuple(self.ids),
                )
            )
            for project_id, weighted, hours, total, count in self.env.cr.fetchall():
                if hours and hours > 0:
                    progress[project_id] = (weighted or 0.0) / hours
                elif count:
                    progress[project_id] = (total or 0.0) / count
        for project in self:
            project.ps_progress = min(max(progress.get(project.id, 0.0), 0.0), 100.0)

    @api.model
    def _ps_leaf_tasks_sql(self, alias):
        """SQL condition on the tasks (table alias ``alias``) that count for a
        project's progress and plan: active, not cancelled, without active and
        not cancelled sub-tasks."""
        return SQL(
            """%(t)s.active AND %(t)s.state != %(canceled)s AND NOT EXISTS (
                   SELECT 1 FROM project_task c
                    WHERE c.parent_id = %(t)s.id AND c.active AND c.state != %(canceled)s)""",
            t=alias,
            canceled=CANCELED,
        )

    @api.model
    def _ps_planned_share_query(self, as_of, projects):
        """SQL query of (project_id, share) rows: the share (0 to 1) of each
        baselined project's work that its baseline schedule plans done by the
        end of day ``as_of`` (an SQL date expression), for the projects whose
        tasks meet ``projects`` (an SQL condition on ``t.project_id``: a list of
        ids, or a correlation with an outer project row, so that the cost
        follows the projects asked for). Each leaf task weighs its baseline
        hours (equally when no task has any) and is planned linearly, day by
        day, from its baseline start to its baseline deadline (a task with only
        one of them is planned on that day; with neither, over the project's
        dates; without any date, as due from the start)."""
        return SQL(
            """
            SELECT w.project_id, SUM(w.weight * w.done) / NULLIF(SUM(w.weight), 0) AS share
              FROM (
                SELECT d.project_id,
                       CASE WHEN SUM(d.hours) OVER (PARTITION BY d.project_id) > 0
                            THEN d.hours ELSE 1 END AS weight,
                       CASE WHEN d.day_from IS NULL THEN 1.0
                            ELSE LEAST(GREATEST(
                                ((%(as_of)s)::date - d.day_from + 1)::numeric
                                / (GREATEST(d.day_to - d.day_from, 0) + 1), 0), 1)
                       END AS done
                  FROM (
                    SELECT t.project_id,
                           COALESCE(t.ps_baseline_hours, 0) AS hours,
                           COALESCE(t.ps_baseline_date_start::date, t.ps_baseline_deadline::date,
                                    pp.date_start, pp.date) AS day_from,
                           COALESCE(t.ps_baseline_deadline::date, t.ps_baseline_date_start::date,
                                    pp.date, pp.date_start) AS day_to
                      FROM project_task t
                      JOIN project_project pp ON pp.id = t.project_id
                     WHERE %(projects)s AND pp.ps_baseline_version > 0 AND %(leaves)s
                  ) d
              ) w
          GROUP BY w.project_id
            """,
            as_of=as_of,
            projects=projects,
            leaves=self._ps_leaf_tasks_sql(SQL.identifier("t")),
        )

    def _compute_ps_counts(self):
        def counts(model, domain=()):
            return dict(
                self.env[model]._read_group(
                    [("project_id", "in", self.ids), *domain], ["project_id"], ["__count"]
                )
            )

        deliverables = counts("ps.project.deliverable")
        risks = counts("ps.project.risk", [("state", "!=", "closed")])
        gates = counts("ps.project.gate")
        for project in self:
            project.ps_deliverable_count = deliverables.get(project, 0)
            project.ps_risk_count = risks.get(project, 0)
            project.ps_gate_count = gates.get(project, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # A project of a type gets the type's visibility (members only, by default)
        # and its task stages.
        types = self.env["ps.project.type"].browse(
            [vals["ps_project_type_id"] for vals in vals_list if vals.get("ps_project_type_id")]
        )
        visibility = {t.id: t.privacy_visibility for t in types}
        stages = {t.id: t.sudo().task_stage_ids.ids for t in types}
        for vals in vals_list:
            if vals.get("ps_phase", "initiation") != "initiation" and not self.env.su:
                raise UserError(
                    self.env._(
                        "Project %(project)s starts in the Initiation phase: the later phases "
                        "are reached through their gates.",
                        project=vals.get("name", ""),
                    )
                )
            if vals.get("ps_project_type_id") and "privacy_visibility" not in vals:
                vals["privacy_visibility"] = visibility[vals["ps_project_type_id"]]
            if stages.get(vals.get("ps_project_type_id")) and "type_ids" not in vals:
                vals["type_ids"] = [fields.Command.set(stages[vals["ps_project_type_id"]])]
        return super().create(vals_list)

    def write(self, vals):
        if vals.keys() & {"ps_baseline_version", "ps_baseline_date"} and not is_system(self.env):
            raise AccessError(
                self.env._(
                    "A project's baseline changes only when its plan or a change request is "
                    "approved."
                )
            )
        if vals.get("ps_phase") and not is_system(self.env):
            order = [key for key, _label in PHASES]
            back = self.filtered(
                lambda p: p.ps_phase and order.index(vals["ps_phase"]) < order.index(p.ps_phase)
            )
            if back:
                phases = dict(self._fields["ps_phase"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Project %(project)s is in the %(phase)s phase: a project does not go "
                        "back to an earlier phase. Ask for a change request instead.",
                        project=back[0].name,
                        phase=phases[back[0].ps_phase],
                    )
                )
        needed = PHASE_NEEDS_GATE.get(vals.get("ps_phase"))
        if needed:
            for project in self.filtered(lambda p: p.ps_phase != vals["ps_phase"]):
                approved = project.sudo().ps_gate_ids.filtered(
                    lambda g: g.gate_type == needed and g.state == "approved"
                )
                if not approved:
                    labels = dict(
                        self.env["ps.project.gate"]
                        ._fields["gate_type"]
                        ._description_selection(self.env)
                    )
                    phases = dict(self._fields["ps_phase"]._description_selection(self.env))
                    raise UserError(
                        self.env._(
                            "Project %(project)s cannot enter the %(phase)s phase before its "
                            "%(gate)s is approved: request it from the project.",
                            project=project.name,
                            phase=phases[vals["ps_phase"]],
                            gate=labels[needed],
                        )
                    )
        return super().write(vals)

    # -- roles ------------------------------------------------------------------
    def _ps_check_manager(self, action):
        """Only the project's manager or the PMO may ``action`` on a project."""
        if self.env.su or self.env.user.has_group("project.group_project_manager"):
            return
        others = self.sudo().filtered(lambda p: p.user_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the project manager of %(project)s or the PMO may %(action)s.",
                    project=others[0].name,
                    action=action,
                )
            )

    # -- gates -------------------------------------------------------------------
    def _ps_request_gate(self, gate_type, vals=None):
        """Create and submit a gate of ``gate_type`` (or reuse the one waiting)."""
        self.ensure_one()
        self.check_access("read")
        self._ps_check_manager(self.env._("ask for project decisions"))
        Gate = self.env["ps.project.gate"].sudo()
        gate = self.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == gate_type and g.state == "draft"
        )[:1]
        if not gate:
            gate = Gate.create({"project_id": self.id, "gate_type": gate_type} | (vals or {}))
        gate.with_user(self.env.user).sudo().action_ps_submit()
        return gate

    def _ps_open_gate(self, gate):
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.project.gate",
            "res_id": gate.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_ps_request_initiation(self):
        """Ask for the initiation decision (the approval chain comes from the tier
        definitions; where none applies, the PMO decides)."""
        self.ensure_one()
        approved = self.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == "initiation" and g.state == "approved"
        )[:1]
        return self._ps_open_gate(approved or self._ps_request_gate("initiation"))

    def action_ps_request_plan(self):
        """Ask for the plan approval: once approved, the tasks' deadlines and
        planned hours become the baseline and the project enters execution."""
        self.ensure_one()
        if not self.task_ids:
            raise UserError(
                self.env._("Project %(project)s has no tasks to plan.", project=self.name)
            )
        return self._ps_open_gate(self._ps_request_gate("plan"))

    def action_ps_new_change_request(self):
        """Open a new change request for the manager to fill in and submit."""
        self.ensure_one()
        self._ps_check_manager(self.env._("ask for project decisions"))
        self._ps_check_has_baseline()
        gate = (
            self.env["ps.project.gate"]
            .sudo()
            .create({"project_id": self.id, "gate_type": "change", "change_type": "schedule"})
        )
        return self._ps_open_gate(gate)

    def action_ps_request_closure(self):
        self.ensure_one()
        self._ps_check_can_close()
        return self._ps_open_gate(
            self._ps_request_gate("closure", {"lessons_learned": self.ps_lessons_learned})
        )

    def _ps_check_has_baseline(self):
        for project in self.sudo():
            if not project.ps_baseline_version:
                raise UserError(
                    self.env._(
                        "Project %(project)s has no approved plan yet: a change request "
                        "changes the plan baseline, have the plan approved first.",
                        project=project.name,
                    )
                )

    def _ps_check_can_start(self):
        """A project leaves Initiation (DR1) only with everything it needs;
        the refusal lists what is missing (``_ps_start_problems``, extended by
        the finance addon)."""
        for project in self.sudo():
            problems = project._ps_start_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "Project %(project)s cannot leave the Initiation phase yet: %(problems)s.",
                        project=project.name,
                        problems="; ".join(problems),
                    )
                )

    def _ps_start_problems(self):
        """What stops this project leaving Initiation, one phrase each: no
        project manager named."""
        self.ensure_one()
        problems = []
        if not self.user_id:
            problems.append(self.env._("no project manager named"))
        return problems

    def _ps_check_can_close(self):
        """Closure (DR4) needs every blocking item cleared; the refusal lists
        them all (``_ps_closure_problems``, extended by the finance and
        contract addons)."""
        for project in self.sudo():
            problems = project._ps_closure_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "Project %(project)s cannot close yet: %(problems)s.",
                        project=project.name,
                        problems="; ".join(problems),
                    )
                )

    def _ps_closure_problems(self):
        """What stops this project closing, one phrase each: required
        deliverables not accepted, open tasks, knowledge checklist not done."""
        self.ensure_one()
        problems = []
        missing = self.ps_deliverable_ids.filtered(lambda d: d.required and d.state != "accepted")
        if missing:
            problems.append(
                self.env._(
                    "deliverables not accepted: %(names)s",
                    names=", ".join(missing[:5].mapped("name")),
                )
            )
        open_tasks = (
            self.env["project.task"]
            .sudo()
            .search([("project_id", "=", self.id), ("state", "not in", list(CLOSED_STATES))])
        )
        if open_tasks:
            problems.append(
                self.env._(
                    "%(count)s open tasks (%(names)s)",
                    count=len(open_tasks),
                    names=", ".join(open_tasks[:5].mapped("name")),
                )
            )
        unchecked = self.ps_knowledge_check_ids.filtered(lambda k: not k.done)
        if unchecked:
            problems.append(
                self.env._(
                    "knowledge checklist not done: %(names)s",
                    names=", ".join(unchecked[:5].mapped("name")),
                )
            )
        return problems

    def _ps_check_open(self, what):
        """Refuse ``what`` (e.g. "log time") on projects that are closed (in
        the closing phase, after their closure was approved)."""
        if is_system(self.env):
            return
        closed = self.sudo().filtered(lambda p: p.ps_phase == "closing")
        if closed:
            raise UserError(
                self.env._(
                    "Project %(project)s is closed: you cannot %(what)s on it any more.",
                    project=closed[0].name,
                    what=what,
                )
            )

    def _ps_freeze_baseline(self, tasks):
        """Record ``tasks``' current deadlines and hours as the project's baseline."""
        self.ensure_one()
        tasks._ps_freeze_baseline()
        internal(self).write(
            {
                "ps_baseline_version": self.ps_baseline_version + 1,
                "ps_baseline_date": fields.Datetime.now(),
            }
        )

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

    # -- demo data -----------------------------------------------------------------
    @api.model
    def _ps_demo_run(self, ids, phase, spent_ratio=0.0, slip_days=0, progress=0.0):
        """Demo data: take projects to ``phase`` the way their users would
        (template, gates, timesheets, deliverables), ``spent_ratio`` of the
        planned hours spent, deadlines slipped by ``slip_days`` and
        ``progress`` % of the work recorded done on the open tasks."""
        phases = [key for key, _label in PHASES]
        for project in self.browse(ids):
            if project.ps_project_type_id.wbs_template_id and not project.task_ids:
                project.action_ps_apply_wbs_template()
            tasks = self.env["project.task"].search([("project_id", "=", project.id)])
            leaves = tasks.filtered(lambda t: not t.child_ids)
            team = (self.env.ref("base.user_admin") | self.env.ref("base.user_demo")).ids
            for index, task in enumerate(leaves):
                task.user_ids = [fields.Command.set([team[index % len(team)]])]
            target = phases.index(phase)
            if target >= phases.index("planning"):
                project._ps_demo_pass(project._ps_request_gate("initiation"))
            if target >= phases.index("execution"):
                project._ps_demo_pass(project._ps_request_gate("plan"))
            if target >= phases.index("monitoring"):
                project.ps_phase = "monitoring"
            if spent_ratio:
                employee = self.env.ref("hr.employee_admin")
                self.env["account.analytic.line"].create(
                    [
                        {
                            "name": self.env._("Work on %(task)s", task=task.name),
                            "project_id": project.id,
                            "task_id": task.id,
                            "employee_id": employee.id,
                            "unit_amount": round(task.allocated_hours * spent_ratio, 1),
                            "date": min(
                                fields.Date.context_today(self),
                                (task.ps_date_start or task.date_deadline).date(),
                            ),
                        }
                        for task in leaves
                        if task.allocated_hours
                    ]
                )
            if slip_days:
                for task in leaves.filtered("date_deadline"):
                    task.date_deadline += timedelta(days=slip_days)
            if progress and phase != "closing":
                project._ps_demo_progress(leaves, progress)
            if phase == "closing":
                tasks.write({"state": "1_done"})
                project.ps_deliverable_ids.action_submit()
                project.ps_deliverable_ids.action_accept()
                project.ps_knowledge_check_ids.write({"done": True})
                project.ps_lessons_learned = self.env._(
                    "<p>Role plays with the customer's own cases kept the trainees engaged.</p>"
                )
                project._ps_demo_pass(
                    project._ps_request_gate(
                        "closure", {"lessons_learned": project.ps_lessons_learned}
                    )
                )

    def _ps_demo_progress(self, leaves, progress):
        """Demo data: the manager records ``progress`` % done on each open task
        (task states are left as the other demo stories expect them)."""
        leaves.filtered(lambda t: t.state not in ("1_done", "1_canceled")).write(
            {"ps_progress_manual": progress}
        )

    def _ps_demo_pass(self, gate):
        """Demo data: every reviewer validates the gate."""
        gate._ps_demo_approve()
