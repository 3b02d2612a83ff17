from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.project.models.project_task import CLOSED_STATES
from odoo.addons.ps_base.internal import internal, is_system


class ProjectProject(models.Model):
    """Phases and gates: the decisions a project asks for (initiation, plan,
    change, closure), what each needs (DR1 to start, DR4 to close) and what a
    closed project refuses."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

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
