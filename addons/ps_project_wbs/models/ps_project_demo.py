from datetime import timedelta

from odoo import api, fields, models

from .ps_wbs_template import PHASES


class PsProjectDemo(models.AbstractModel):
    """Demo data only: the helpers the demo files call to take projects through
    their lifecycle the way their users would. Kept out of the production
    models; nothing else calls them."""

    _name = "ps.project.demo"
    _description = "Project Demo Data Helpers"

    @api.model
    def _ps_demo_run(self, ids, phase, spent_ratio=0.0, slip_days=0, progress=0.0):
        """Demo data: take projects to ``phase`` the way their users would
        (template, gates, timesheets, deliverables), ``spent_ratio`` of the
        planned hours spent, deadlines slipped by ``slip_days`` and
        ``progress`` % of the work recorded done on the open tasks."""
        phases = [key for key, _label in PHASES]
        for project in self.env["project.project"].browse(ids):
            if project.ps_project_type_id.wbs_template_id and not project.task_ids:
                project.action_ps_apply_wbs_template()
            tasks = self.env["project.task"].search([("project_id", "=", project.id)])
            leaves = tasks.filtered(lambda t: not t.child_ids)
            team = (self.env.ref("base.user_admin") | self.env.ref("base.user_demo")).ids
            for index, task in enumerate(leaves):
                task.user_ids = [fields.Command.set([team[index % len(team)]])]
            target = phases.index(phase)
            if target >= phases.index("planning"):
                self._ps_demo_pass(project._ps_request_gate("initiation"))
            if target >= phases.index("execution"):
                self._ps_demo_pass(project._ps_request_gate("plan"))
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
                self._ps_demo_progress(leaves, progress)
            if phase == "closing":
                tasks.write({"state": "1_done"})
                project.ps_deliverable_ids.action_submit()
                project.ps_deliverable_ids.action_accept()
                project.ps_knowledge_check_ids.write({"done": True})
                project.ps_lessons_learned = self.env._(
                    "<p>Role plays with the customer's own cases kept the trainees engaged.</p>"
                )
                self._ps_demo_pass(
                    project._ps_request_gate(
                        "closure", {"lessons_learned": project.ps_lessons_learned}
                    )
                )

    @api.model
    def _ps_demo_progress(self, leaves, progress):
        """Demo data: the manager records ``progress`` % done on each open task
        (task states are left as the other demo stories expect them)."""
        leaves.filtered(lambda t: t.state not in ("1_done", "1_canceled")).write(
            {"ps_progress_manual": progress}
        )

    @api.model
    def _ps_demo_pass(self, gate):
        """Demo data: every reviewer validates the gate."""
        gate._ps_demo_approve()
