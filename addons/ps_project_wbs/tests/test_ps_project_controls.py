"""Decisions and baselines change only through their actions, by the roles
that own them: attacks by a member, the project manager and the PMO with
every context key that ever let a write through. Each is refused and leaves
nothing changed."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_ps_project_delivery import ProjectDeliveryCase

FORGED = {
    "ps_internal": True,
    "ps_gate_approving": True,
    "ps_wbs_batch_create": True,
    "skip_validation_check": True,
    "skip_check_state_condition": True,
}


@tagged("post_install", "-at_install")
class TestProjectControls(ProjectDeliveryCase):
    def _executing(self):
        """A project in execution (baseline 1) with the member on it."""
        project = self._project()
        project.message_subscribe(self.member.partner_id.ids)
        self._to_execution(project)
        return project

    def _change_request(self, project, deadline=datetime(2026, 3, 20)):
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].browse(action["res_id"]).with_user(self.pm)
        gate.write(
            {
                "reason": "Two more subsidiaries",
                "change_line_ids": [
                    Command.create(
                        {
                            "task_id": self._task(project, "Analysis").id,
                            "new_date_deadline": deadline,
                        }
                    )
                ],
            }
        )
        return gate

    def _snapshot(self, project):
        project.invalidate_recordset()
        tasks = project.task_ids.sorted("id")
        tasks.invalidate_recordset()
        gates = project.ps_gate_ids.sorted("id")
        gates.invalidate_recordset()
        return (
            project.ps_phase,
            project.ps_baseline_version,
            project.ps_baseline_date,
            [(t.ps_baseline_deadline, t.ps_baseline_hours, t.date_deadline) for t in tasks],
            [(g.gate_type, g.state, g.reason, g.impact, len(g.change_line_ids)) for g in gates],
        )

    def test_member_cannot_approve_a_drafted_change_request(self):
        """The PM drafted a change request; the member approves it, writes it
        approved or the project's baseline: refused, the baseline stays at
        version 1."""
        project = self._executing()
        gate = self._change_request(project)
        before = self._snapshot(project)
        as_member = gate.with_user(self.member).with_context(**FORGED)
        with self.assertRaises(AccessError):
            as_member.action_approve()
        with self.assertRaises(UserError):
            as_member.write({"state": "approved"})
        self.assertEqual(self._snapshot(project), before)
        self.assertEqual(project.ps_baseline_version, 1)
        # submitted, it waits for the PMO (no rule applies): neither the member
        # nor the project manager who asked decide it
        gate.action_ps_submit()
        for user in (self.member, self.pm):
            with self.assertRaises(UserError):
                gate.with_user(user).validate_tier()
        self.assertEqual((gate.state, project.ps_baseline_version), ("draft", 1))
        self._pmo_decides(project, "change")
        self.assertEqual((gate.state, project.ps_baseline_version), ("approved", 2))

    def test_decided_gate_cannot_be_rewritten_or_deleted(self):
        """On the approved plan gate: the member cancels it and rewrites its
        reason; the PM sets it back to draft; the PMO deletes it. Refused."""
        project = self._executing()
        plan = project.ps_gate_ids.filtered(lambda g: g.gate_type == "plan")
        self.assertEqual(plan.state, "approved")
        before = self._snapshot(project)
        for user, vals in (
            (self.member, {"state": "cancel"}),
            (self.member, {"reason": "never approved", "impact": "none"}),
            (self.pm, {"state": "draft"}),
            (self.pm, {"reason": "rewritten"}),
            (self.pmo, {"date_decided": False}),
        ):
            with self.assertRaises(UserError, msg=f"{user.login} {vals}"):
                plan.with_user(user).with_context(**FORGED).write(vals)
        with self.assertRaises(UserError):
            plan.with_user(self.pmo).with_context(**FORGED).unlink()
        self.assertEqual(self._snapshot(project), before)

    def test_change_lines_lock_once_submitted(self):
        """Once a change request went to the PMO, its lines cannot be changed,
        added or removed (neither by the PM nor the member); after approval
        neither."""
        self._pmo_approves_changes()
        project = self._executing()
        gate = self._change_request(project)
        gate.action_ps_submit()
        self.assertTrue(gate.review_ids)
        line = gate.change_line_ids
        analysis = self._task(project, "Analysis")
        before = self._snapshot(project)
        for user in (self.pm, self.member):
            lines = line.with_user(user).with_context(**FORGED)
            with self.assertRaises(UserError):
                lines.write({"new_date_deadline": datetime(2026, 12, 31)})
            with self.assertRaises(UserError):
                lines.unlink()
            with self.assertRaises(UserError):
                lines.create({"gate_id": gate.id, "task_id": analysis.id, "new_hours": 999.0})
            with self.assertRaises(UserError):
                gate.with_user(user).with_context(**FORGED).write({"impact": "none"})
        self.assertEqual(self._snapshot(project), before)
        line.invalidate_recordset()
        self.assertEqual(line.new_date_deadline, datetime(2026, 3, 20))
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(
            (gate.state, analysis.ps_baseline_deadline), ("approved", line.new_date_deadline)
        )
        with self.assertRaises(UserError):
            line.with_user(self.pm).write({"new_date_deadline": datetime(2026, 12, 31)})

    def test_baselines_are_not_written_by_hand(self):
        """The member writes a task's baseline; the PM the project's baseline
        version and date: refused. The approved plan set them."""
        project = self._executing()
        analysis = self._task(project, "Analysis")
        before = self._snapshot(project)
        with self.assertRaises(UserError):
            analysis.with_user(self.member).with_context(**FORGED).write(
                {"ps_baseline_deadline": datetime(2027, 1, 1), "ps_baseline_hours": 999.0}
            )
        with self.assertRaises(UserError):
            analysis.with_user(self.pm).with_context(**FORGED).ps_baseline_hours = 1.0
        with self.assertRaises(UserError):
            project.with_user(self.pm).with_context(**FORGED).write(
                {"ps_baseline_version": 7, "ps_baseline_date": datetime(2020, 1, 1)}
            )
        self.assertEqual(self._snapshot(project), before)
        self.assertEqual(analysis.ps_baseline_hours, 30.0)

    def test_accepted_deliverable_cannot_be_reopened_by_hand(self):
        """A member sets an accepted deliverable back to submitted (or planned);
        the PM writes its acceptance date: refused, it stays accepted."""
        project = self._executing()
        report = project.ps_deliverable_ids[:1]
        report.with_user(self.member).action_submit()
        report.with_user(self.pm).action_accept()
        accepted = (report.state, report.accepted_by_id, report.date_accepted)
        for user, vals in (
            (self.member, {"state": "submitted"}),
            (self.member, {"state": "planned"}),
            (self.pm, {"date_accepted": datetime(2020, 1, 1)}),
            (self.pm, {"state": "submitted"}),
        ):
            with self.assertRaises(UserError, msg=f"{user.login} {vals}"):
                report.with_user(user).with_context(**FORGED).write(vals)
        report.invalidate_recordset()
        self.assertEqual((report.state, report.accepted_by_id, report.date_accepted), accepted)

    def test_task_cannot_start_after_its_deadline(self):
        """A task planned to start 20 days after its deadline is refused with
        what to fix; the same day is fine."""
        project = self._project()
        task = self._task(project, "Analysis")
        with self.assertRaisesRegex(UserError, "Analysis starts after its deadline"):
            task.write({"ps_date_start": task.date_deadline + timedelta(days=20)})
        task.write({"ps_date_start": task.date_deadline})
        self.assertEqual(task.ps_date_start, task.date_deadline)

    def test_oversized_wbs_code_is_refused_clearly(self):
        """A WBS code of 3,000 characters is refused with the limit."""
        task = self._task(self._project(), "Analysis")
        with self.assertRaisesRegex(UserError, "The WBS code is too long"):
            task.write({"ps_wbs_code": "1." * 1500})

    def test_phase_does_not_go_back(self):
        """A click on an earlier phase of the statusbar (by the PM or the PMO,
        with forged keys) is refused: the project stays in execution."""
        project = self._executing()
        for user in (self.pm, self.pmo):
            for phase in ("initiation", "planning"):
                with self.assertRaisesRegex(UserError, "does not go back"):
                    project.with_user(user).with_context(**FORGED).ps_phase = phase
        project.invalidate_recordset()
        self.assertEqual(project.ps_phase, "execution")
        project.ps_phase = "monitoring"  # forward, the plan being approved
        self.assertEqual(project.ps_phase, "monitoring")
