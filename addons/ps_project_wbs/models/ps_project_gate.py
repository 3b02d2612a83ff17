from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import internal, is_system

from .ps_wbs_template import PHASES

GATE_TYPES = [
    ("initiation", "Initiation Approval"),
    ("plan", "Plan Approval"),
    ("change", "Change Request"),
    ("closure", "Closure Approval"),
    ("quality", "Quality Review"),
]

# What a gate asks: set by the project's manager while the gate is a draft not
# yet sent to its reviewers, fixed afterwards.
GATE_CONTENT = {
    "project_id",
    "gate_type",
    "reason",
    "change_type",
    "impact",
    "change_line_ids",
    "lessons_learned",
    "deliverable_id",
}
# The decision: set by the system once the reviewers (or the manager, where no
# approval rule applies) decided.
GATE_DECISION = {"state", "date_decided"}

# The phase an approved gate moves its project to, if it is not there yet.
GATE_OPENS_PHASE = {"initiation": "planning", "plan": "execution", "closure": "closing"}


class PsProjectGate(models.Model):
    """A decision on a project (start, plan, change, closure), approved through
    OCA tier validation. Implementers set the approval chain per project type
    with tier definitions on this model filtering on `project_type_id`. Once
    the last reviewer validates, the decision applies itself."""

    _name = "ps.project.gate"
    _description = "Project Gate"
    _inherit = ["tier.validation", "mail.thread", "mail.activity.mixin"]
    _state_from = ["draft"]
    _ps_decider_group = "project.group_project_manager"
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _order = "id desc"

    project_id = fields.Many2one(
        "project.project", required=True, ondelete="cascade", index=True, readonly=True
    )
    gate_type = fields.Selection(GATE_TYPES, required=True, readonly=True)
    state = fields.Selection(
        [("draft", "To Approve"), ("approved", "Approved"), ("cancel", "Rejected")],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
    )
    reason = fields.Text(help="Why the decision is asked for (scope, schedule, budget...).")
    change_type = fields.Selection(
        [("scope", "Scope"), ("schedule", "Schedule"), ("budget", "Budget")],
        help="What a change request changes.",
    )
    impact = fields.Text(help="What the change does to cost, schedule, quality and risks.")
    change_line_ids = fields.One2many("ps.project.change.line", "gate_id", string="Changes")
    lessons_learned = fields.Html(help="What went well, what to do differently (closure).")
    deliverable_id = fields.Many2one(
        "ps.project.deliverable",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The deliverable a quality review clears for hand-over to the customer.",
    )
    project_type_id = fields.Many2one(
        related="project_id.ps_project_type_id", store=True, string="Project Type"
    )
    user_id = fields.Many2one(related="project_id.user_id", store=True, string="Project Manager")
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    date_decided = fields.Datetime(readonly=True)

    @api.depends("project_id", "gate_type")
    def _compute_display_name(self):
        labels = dict(GATE_TYPES)
        for gate in self:
            gate.display_name = f"{labels.get(gate.gate_type, '')} - {gate.project_id.name}"

    @api.model_create_multi
    def create(self, vals_list):
        gates = super().create(vals_list)
        gates.project_id._ps_check_manager(self.env._("ask for project decisions"))
        return gates

    def write(self, vals):
        if not is_system(self.env):
            self._ps_check_content_editable(vals.keys())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if is_system(self.env):
            return
        sent = self._ps_sent()
        if sent:
            raise UserError(
                self.env._(
                    "%(gate)s was sent to its reviewers: it is kept for the record.",
                    gate=sent[0].display_name,
                )
            )

    def _ps_sent(self):
        """The gates that went to their reviewers (or were decided); a rejected
        request is back with its manager."""
        return self.filtered(
            lambda g: g.state != "draft" or (g.review_ids and g.validation_status != "rejected")
        )

    def _ps_check_content_editable(self, field_names):
        """Refuse a user's change of the decision, or of what a gate asks once
        it went to its reviewers (its change lines included)."""
        if GATE_DECISION & set(field_names):
            raise UserError(
                self.env._(
                    "A project gate is decided by its reviewers (Validate or Reject), not "
                    "by editing it."
                )
            )
        if GATE_CONTENT & set(field_names):
            self.project_id._ps_check_manager(self.env._("change a request for a decision"))
            sent = self._ps_sent()
            if sent:
                raise UserError(
                    self.env._(
                        "%(gate)s was sent to its reviewers: it cannot change any more. "
                        "Ask for a new change request instead.",
                        gate=sent[0].display_name,
                    )
                )

    def action_ps_submit(self):
        """Send the request to its reviewers (from the tier definitions; where
        none applies, the PMO decides, never the requester). A gate nobody has
        to review (no owning group configured) is decided at once."""
        for gate in self:
            gate.project_id._ps_check_manager(self.env._("ask for project decisions"))
            gate._ps_check_can_apply()
            if gate.state != "draft":
                continue
            gate.request_validation()
            gate.invalidate_recordset(["review_ids", "need_validation", "validation_status"])
            if not gate.review_ids:  # only if an owning group is missing (see ps_base)
                internal(gate).action_approve()
        return True

    def action_approve(self):
        """Record the decision and apply it to the project. Called by the system
        once the last reviewer validated; by a user (the project's manager or the
        PMO) only to record a decision its reviewers already took. Every gate has
        reviewers: the approval rules', or the PMO where none applies. Gates
        already decided are left as they are."""
        gates = self.filtered(lambda g: g.state == "draft")
        if not is_system(self.env):
            gates.project_id._ps_check_manager(self.env._("decide on a project gate"))
            undecided = gates.filtered(lambda g: g.validation_status != "validated")
            if undecided:
                raise UserError(
                    self.env._(
                        "%(gate)s is decided by its reviewers: submit it for approval, they "
                        "validate or reject it (Approvals).",
                        gate=undecided[0].display_name,
                    )
                )
        for gate in gates:
            gate._ps_check_can_apply(deciding=True)
        internal(gates).write({"state": "approved", "date_decided": fields.Datetime.now()})
        # The last reviewer need not be allowed to edit the project: the
        # decision is theirs, its effects are applied by the system.
        gates.sudo()._ps_apply()
        return True

    def _ps_move_on_after_approval(self):
        """The last reviewer's validation passes the gate and applies it."""
        if self.state == "draft":
            self.action_approve()

    def _ps_reset_to_draft_after_rejection(self):
        """A rejected request stays its manager's draft (To Approve): they
        rework it and submit it again, reviewed afresh (``_ps_sent``)."""

    def _ps_approval_summary(self):
        """What an approver reads on the approvals inbox card without opening
        the gate: why it is asked and, for a change request, what it does to
        the schedule and the planned hours (from its lines) and its impact."""
        self.ensure_one()
        parts = []
        if self.gate_type == "change" and self.change_type:
            labels = dict(self._fields["change_type"]._description_selection(self.env))
            parts.append(labels[self.change_type])
        if (self.reason or "").strip():
            parts.append(self.reason.strip())
        if self.gate_type == "quality" and self.deliverable_id:
            parts.append(self.env._("Deliverable: %(name)s", name=self.deliverable_id.sudo().name))
        lines = self.change_line_ids if self.gate_type == "change" else self.change_line_ids[:0]
        scope = lines.filtered(lambda line: line.line_type != "update")
        if scope:
            counts = {
                kind: len(scope.filtered(lambda line, k=kind: line.line_type == k))
                for kind in ("new_task", "cancel_task", "new_deliverable", "remove_deliverable")
            }
            parts.append(
                self.env._(
                    "Scope: %(new_task)s task(s) added, %(cancel_task)s cancelled; "
                    "%(new_deliverable)s deliverable(s) added, %(remove_deliverable)s removed",
                    **counts,
                )
            )
        lines = lines - scope
        moved = lines.filtered(lambda line: line.new_date_deadline and line.old_date_deadline)
        if moved:
            shift = max(
                ((line.new_date_deadline - line.old_date_deadline).days for line in moved),
                key=abs,
            )
            days = f"{shift:+d}"
            parts.append(
                self.env._(
                    "Schedule: %(count)s task(s) moved, by up to %(days)s day(s)",
                    count=len(moved),
                    days=days,
                )
            )
        resized = lines.filtered("new_hours")
        if resized:
            before = sum(resized.mapped("old_hours"))
            after = sum(resized.mapped("new_hours"))
            hours = {
                "before": f"{before:g}",
                "after": f"{after:g}",
                "delta": f"{after - before:+g}",
            }
            parts.append(
                self.env._("Planned hours: %(before)s h → %(after)s h (%(delta)s h)", **hours)
            )
        if (self.impact or "").strip():
            parts.append(self.env._("Impact: %(impact)s", impact=self.impact.strip()))
        return " · ".join(parts)

    def _ps_check_can_apply(self, deciding=False):
        """Refuse a request whose preconditions do not hold (before it is
        asked for and again when it is approved, ``deciding``)."""
        self.ensure_one()
        project = self.project_id.sudo()
        if self.gate_type == "initiation" and deciding:
            # DR1: what the project needs to leave Initiation is checked when
            # the decision is taken (a budget may be approved meanwhile).
            project._ps_check_can_start()
        if self.gate_type == "change":
            project._ps_check_has_baseline()
            if not self.change_line_ids and not (self.reason or "").strip():
                raise UserError(self.env._("Say what the change request changes and why."))
            self.change_line_ids._ps_check_applicable()
        elif self.gate_type == "quality":
            self._ps_check_quality_review()
        elif self.gate_type == "closure":
            project._ps_check_can_close()

    def _ps_check_quality_review(self):
        """A quality review clears one deliverable of its project, not yet
        handed over (planned, or rejected and reworked)."""
        deliverable = self.deliverable_id.sudo()
        if not deliverable:
            raise UserError(self.env._("Say which deliverable the quality review is for."))
        if deliverable.project_id != self.project_id:
            raise UserError(
                self.env._(
                    "Deliverable %(name)s is not a deliverable of project %(project)s.",
                    name=deliverable.name,
                    project=self.project_id.name,
                )
            )
        deliverable._ps_check_state(("planned", "rejected"), self.env._("reviewed"))

    def _ps_apply(self):
        for gate in self:
            project = gate.project_id
            if gate.gate_type == "plan":
                project._ps_freeze_baseline(
                    self.env["project.task"].search([("project_id", "=", project.id)])
                )
            elif gate.gate_type == "change":
                tasks = self.env["project.task"]
                for line in gate.change_line_ids:
                    tasks |= line._ps_apply()
                project._ps_freeze_baseline(tasks)
            elif gate.gate_type == "quality":
                internal(gate.deliverable_id).write({"ps_quality_gate_id": gate.id})
            elif gate.gate_type == "closure" and gate.lessons_learned:
                project.ps_lessons_learned = gate.lessons_learned
            phase = GATE_OPENS_PHASE.get(gate.gate_type)
            if phase and project.ps_phase != phase:
                project.ps_phase = phase


LINE_TYPES = [
    ("update", "Change a Task"),
    ("new_task", "New Task"),
    ("cancel_task", "Cancel a Task"),
    ("new_deliverable", "New Deliverable"),
    ("remove_deliverable", "Remove a Deliverable"),
]


class PsProjectChangeLine(models.Model):
    """One effect of a change request, applied when it is approved: a task's
    new deadline or planned hours (schedule), or a task or deliverable added,
    a task cancelled or a planned deliverable removed (scope)."""

    _name = "ps.project.change.line"
    _description = "Change Request Line"

    gate_id = fields.Many2one("ps.project.gate", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="gate_id.project_id")
    line_type = fields.Selection(LINE_TYPES, string="Change", default="update", required=True)
    task_id = fields.Many2one(
        "project.task",
        ondelete="cascade",
        domain="[('project_id', '=', project_id)]",
        help="The task changed or cancelled; for a new deliverable, the task producing it.",
    )
    name = fields.Char(help="The name of the new task or deliverable.")
    parent_id = fields.Many2one(
        "project.task",
        string="WBS Parent",
        ondelete="cascade",
        domain="[('project_id', '=', project_id)]",
        help="The work package the new task goes under.",
    )
    phase = fields.Selection(PHASES, help="The phase of the new task (its parent's by default).")
    deliverable_id = fields.Many2one(
        "ps.project.deliverable",
        ondelete="set null",
        domain="[('project_id', '=', project_id), ('state', '=', 'planned')]",
        help="The planned deliverable removed.",
    )
    new_date_due = fields.Date(string="Due Date", help="The due date of the new deliverable.")
    old_date_deadline = fields.Datetime(related="task_id.ps_baseline_deadline", string="Baseline")
    old_hours = fields.Float(related="task_id.ps_baseline_hours", string="Baseline Hours")
    new_date_deadline = fields.Datetime(string="New Deadline")
    new_hours = fields.Float(string="New Planned Hours")
    result_task_id = fields.Many2one(
        "project.task", string="Task Created", readonly=True, ondelete="set null"
    )
    result_deliverable_id = fields.Many2one(
        "ps.project.deliverable", string="Deliverable Created", readonly=True, ondelete="set null"
    )

    @api.constrains(
        "task_id", "gate_id", "new_hours", "line_type", "name", "parent_id", "deliverable_id"
    )
    def _check_line(self):
        for line in self:
            project = line.gate_id.project_id
            for task in (line.task_id, line.parent_id):
                if task and task.project_id != project:
                    raise UserError(
                        self.env._(
                            "Task %(task)s is not a task of project %(project)s.",
                            task=task.name,
                            project=project.name,
                        )
                    )
            if line.deliverable_id and line.deliverable_id.project_id != project:
                raise UserError(
                    self.env._(
                        "Deliverable %(name)s is not a deliverable of project %(project)s.",
                        name=line.deliverable_id.name,
                        project=project.name,
                    )
                )
            if line.new_hours < 0:
                raise UserError(self.env._("Planned hours cannot be negative."))
            if line.line_type in ("update", "cancel_task") and not line.task_id:
                raise UserError(self.env._("Say which task the change request changes."))
            if line.line_type in ("new_task", "new_deliverable") and not (line.name or "").strip():
                raise UserError(self.env._("Name the task or deliverable the change adds."))
            if line.line_type == "remove_deliverable" and not line.deliverable_id:
                raise UserError(self.env._("Say which deliverable the change request removes."))

    def _ps_check_applicable(self):
        """Refuse a line whose effect cannot apply any more (checked when the
        request is sent and again when it is approved): a task done or with
        time logged is not cancelled, a deliverable handed over is not removed."""
        for line in self.sudo():
            task = line.task_id
            if line.line_type == "cancel_task":
                if task.state in ("1_done", "1_canceled"):
                    raise UserError(
                        self.env._(
                            "Task %(task)s is already done or cancelled: the change request "
                            "cannot cancel it.",
                            task=task.name,
                        )
                    )
                if line.env["account.analytic.line"].search_count(
                    [("task_id", "child_of", task.id)], limit=1
                ):
                    raise UserError(
                        self.env._(
                            "Time was logged on task %(task)s: it cannot be cancelled. Change "
                            "its planned hours or deadline instead.",
                            task=task.name,
                        )
                    )
            elif line.line_type == "remove_deliverable":
                line.deliverable_id._ps_check_state(("planned",), self.env._("removed"))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not is_system(self.env):
            lines.gate_id._ps_check_content_editable(["change_line_ids"])
        return lines

    def write(self, vals):
        if not is_system(self.env):
            self.gate_id._ps_check_content_editable(["change_line_ids"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if not is_system(self.env):
            self.gate_id._ps_check_content_editable(["change_line_ids"])

    def _ps_apply(self):
        """Apply the line (as the system); returns the tasks whose baseline
        the change request sets (changed or created)."""
        self.ensure_one()
        project = self.gate_id.project_id
        if self.line_type == "new_task":
            task = self.env["project.task"].create(
                {
                    "name": self.name,
                    "project_id": project.id,
                    "parent_id": self.parent_id.id,
                    "ps_phase": self.phase or self.parent_id.ps_phase,
                    "allocated_hours": self.new_hours,
                    "date_deadline": self.new_date_deadline,
                    "user_ids": [Command.clear()],
                }
            )
            self.result_task_id = task
            return task
        if self.line_type == "cancel_task":
            self.task_id.state = "1_canceled"
            return self.task_id.browse()
        if self.line_type == "new_deliverable":
            self.result_deliverable_id = self.env["ps.project.deliverable"].create(
                {
                    "name": self.name,
                    "project_id": project.id,
                    "task_id": self.task_id.id,
                    "date_due": self.new_date_due,
                    "owner_id": project.user_id.id or self.env.user.id,
                }
            )
            return self.task_id.browse()
        if self.line_type == "remove_deliverable":
            # planned, never handed over: it goes (as with a project deleted
            # before any hand-over); the line keeps its name
            self.name = self.deliverable_id.name
            self.deliverable_id.unlink()
            return self.task_id.browse()
        vals = {}
        if self.new_date_deadline:
            vals["date_deadline"] = self.new_date_deadline
        if self.new_hours:
            vals["allocated_hours"] = self.new_hours
        if vals:
            self.task_id.write(vals)
        return self.task_id


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["ps.project.gate"]
