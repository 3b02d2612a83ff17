"""DR2 scope changes (tasks and deliverables added, cancelled or removed by a
change request, applied when it is approved) and DR3 (the quality review a
project type may ask before a deliverable is handed over to the customer):
happy paths with their resulting tasks, deliverables and baseline, and
refusals as the role that would try, forged context keys included."""

from contextlib import contextmanager
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_ps_project_controls import FORGED
from .test_ps_project_delivery import ProjectDeliveryCase


@tagged("post_install", "-at_install")
class TestScopeChangeAndQualityReview(ProjectDeliveryCase):
    @contextmanager
    def _refused(self, message):
        """Refused with ``message``, and whatever the call wrote is rolled
        back (as the request's transaction is)."""
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            yield

    def _executing(self):
        project = self._project()
        project.message_subscribe(self.member.partner_id.ids)
        self._to_execution(project)
        return project

    def _deliverable(self, project, name):
        return project.sudo().ps_deliverable_ids.filtered(lambda d: d.name == name)

    def _scope_request(self, project):
        """The PM's change request: add a task under Diagnosis and a
        deliverable, cancel Interviews, remove the planned Diagnosis report."""
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].browse(action["res_id"]).with_user(self.pm)
        diagnosis = self._task(project, "Diagnosis")
        gate.write(
            {
                "change_type": "scope",
                "reason": "Benchmark instead of interviews",
                "change_line_ids": [
                    Command.create(
                        {
                            "line_type": "new_task",
                            "name": "Benchmark",
                            "parent_id": diagnosis.id,
                            "phase": "execution",
                            "new_hours": 12.0,
                            "new_date_deadline": datetime(2026, 3, 25, 17, 0),
                        }
                    ),
                    Command.create(
                        {
                            "line_type": "cancel_task",
                            "task_id": self._task(project, "Interviews").id,
                        }
                    ),
                    Command.create(
                        {
                            "line_type": "new_deliverable",
                            "name": "Benchmark note",
                            "task_id": diagnosis.id,
                            "new_date_due": date(2026, 3, 26),
                        }
                    ),
                    Command.create(
                        {
                            "line_type": "remove_deliverable",
                            "deliverable_id": self._deliverable(project, "Diagnosis report").id,
                        }
                    ),
                ],
            }
        )
        return gate

    def _state(self, project):
        project.invalidate_recordset()
        tasks = self.env["project.task"].search([("project_id", "=", project.id)], order="id")
        deliverables = self.env["ps.project.deliverable"].search(
            [("project_id", "=", project.id)], order="id"
        )
        return (
            project.ps_baseline_version,
            [(t.name, t.state, t.allocated_hours, t.ps_baseline_hours) for t in tasks],
            [(d.name, d.state, d.date_due) for d in deliverables],
        )

    # -- DR2: scope ------------------------------------------------------------
    def test_approved_scope_change_adds_cancels_and_rebaselines(self):
        project = self._executing()
        self.assertEqual((project.ps_baseline_version, project.ps_planned_hours), (1, 40.0))
        gate = self._scope_request(project)
        gate.action_ps_submit()
        self.assertEqual(
            gate.sudo()._ps_approval_summary().split(" · ")[:3],
            [
                "Scope",
                "Benchmark instead of interviews",
                "Scope: 1 task(s) added, 1 cancelled; 1 deliverable(s) added, 1 removed",
            ],
        )
        before = self._state(project)
        self.assertEqual(before[0], 1)
        self.assertNotIn("Benchmark", [name for name, *_rest in before[1]])
        self._pmo_decides(project, "change")
        self.assertEqual(gate.state, "approved")
        self.assertEqual(project.ps_baseline_version, 2)
        diagnosis = self._task(project, "Diagnosis")
        benchmark = self._task(project, "Benchmark")
        self.assertEqual(
            (
                benchmark.parent_id,
                benchmark.ps_phase,
                benchmark.allocated_hours,
                benchmark.date_deadline,
                benchmark.ps_baseline_hours,
                benchmark.ps_baseline_deadline,
                benchmark.user_ids.ids,
            ),
            (
                diagnosis,
                "execution",
                12.0,
                datetime(2026, 3, 25, 17, 0),
                12.0,
                datetime(2026, 3, 25, 17, 0),
                [],
            ),
        )
        self.assertEqual(self._task(project, "Interviews").state, "1_canceled")
        self.assertEqual(self._task(project, "Analysis").state, before[1][2][1])
        note = self._deliverable(project, "Benchmark note")
        self.assertEqual(
            (note.state, note.task_id, note.date_due, note.owner_id),
            ("planned", diagnosis, date(2026, 3, 26), self.pm),
        )
        self.assertFalse(self._deliverable(project, "Diagnosis report"))
        self.assertEqual(
            sorted(project.sudo().ps_deliverable_ids.mapped("name")),
            ["Benchmark note", "Final report"],
        )
        lines = gate.sudo().change_line_ids
        self.assertEqual(lines.mapped("result_task_id"), benchmark)
        self.assertEqual(lines.mapped("result_deliverable_id"), note)
        removed = lines.filtered(lambda line: line.line_type == "remove_deliverable")
        self.assertEqual(removed.name, "Diagnosis report")
        # the cancelled task leaves the plan: Analysis (30 h) and the new
        # Benchmark (12 h), no more Interviews (10 h)
        project.invalidate_recordset()
        self.assertEqual(project.ps_planned_hours, 42.0)

    def test_rejected_scope_change_applies_nothing(self):
        project = self._executing()
        gate = self._scope_request(project)
        gate.action_ps_submit()
        before = self._state(project)
        review = project.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == "change" and g.state == "draft"
        )
        review.with_user(self.pmo).reject_tier()
        self.assertEqual((gate.state, gate.validation_status), ("draft", "rejected"))
        self.assertEqual(self._state(project), before)
        self.assertFalse(self._task(project, "Benchmark"))
        self.assertTrue(self._deliverable(project, "Diagnosis report"))

    def test_bad_scope_lines_are_refused_with_nothing_changed(self):
        project = self._executing()
        Line = self.env["ps.project.change.line"].with_user(self.pm)
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].browse(action["res_id"]).with_user(self.pm)
        with self._refused("Name the task or deliverable"):
            Line.create({"gate_id": gate.id, "line_type": "new_task", "new_hours": 4.0})
        with self._refused("Say which deliverable"):
            Line.create({"gate_id": gate.id, "line_type": "remove_deliverable"})
        other = self._project("Other engagement")
        with self._refused("is not a task of project"):
            Line.create(
                {
                    "gate_id": gate.id,
                    "line_type": "new_task",
                    "name": "Elsewhere",
                    "parent_id": self._task(other, "Diagnosis").id,
                }
            )
        with self._refused("is not a deliverable of project"):
            Line.create(
                {
                    "gate_id": gate.id,
                    "line_type": "remove_deliverable",
                    "deliverable_id": self._deliverable(other, "Final report").id,
                }
            )
        self.assertFalse(self.env["ps.project.change.line"].search([("gate_id", "=", gate.id)]))

        # an accepted deliverable is not removed; a task with time logged is
        # not cancelled: refused when sent, the request stays a draft
        report = self._deliverable(project, "Diagnosis report").with_user(self.member)
        report.action_submit()
        report.with_user(self.pm).action_accept()
        analysis = self._task(project, "Analysis")
        employee = self.env["hr.employee"].create({"name": "Kevin", "user_id": self.member.id})
        self.env["account.analytic.line"].create(
            {
                "name": "First analysis",
                "project_id": project.id,
                "task_id": analysis.id,
                "employee_id": employee.id,
                "unit_amount": 3.0,
            }
        )
        gate.write(
            {
                "reason": "Drop work",
                "change_line_ids": [
                    Command.create({"line_type": "remove_deliverable", "deliverable_id": report.id})
                ],
            }
        )
        before = self._state(project)
        with self._refused("Diagnosis report is Accepted: it cannot be removed"):
            gate.action_ps_submit()
        gate.write(
            {
                "change_line_ids": [
                    Command.clear(),
                    Command.create({"line_type": "cancel_task", "task_id": analysis.id}),
                ]
            }
        )
        with self._refused("Time was logged on task Analysis"):
            gate.action_ps_submit()
        diagnosis = self._task(project, "Diagnosis")
        gate.write(
            {
                "change_line_ids": [
                    Command.clear(),
                    Command.create({"line_type": "cancel_task", "task_id": diagnosis.id}),
                ]
            }
        )
        # nor its work package, time was logged below it
        with self._refused("Time was logged on task Diagnosis"):
            gate.action_ps_submit()
        self.assertFalse(gate.review_ids)
        self.assertEqual(self._state(project), before)

    def test_deliverable_handed_over_meanwhile_refuses_the_approval(self):
        """Sent while the Diagnosis report was planned, the request cannot be
        approved once the report was submitted: the PMO's validation is
        refused and nothing of the request applies."""
        project = self._executing()
        gate = self._scope_request(project)
        gate.action_ps_submit()
        self._deliverable(project, "Diagnosis report").with_user(self.member).action_submit()
        before = self._state(project)
        review = project.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == "change" and g.state == "draft"
        )
        with self._refused("Diagnosis report is Submitted"):
            review.with_user(self.pmo).validate_tier()
        gate.invalidate_recordset()
        self.assertEqual(gate.state, "draft")
        self.assertEqual(self._state(project), before)
        self.assertFalse(self._task(project, "Benchmark"))

    def test_member_and_manager_cannot_apply_a_scope_change(self):
        project = self._executing()
        gate = self._scope_request(project)
        before = self._state(project)
        as_member = gate.with_user(self.member).with_context(**FORGED)
        with self.assertRaises(AccessError):
            as_member.write(
                {"change_line_ids": [Command.create({"line_type": "new_task", "name": "Extra"})]}
            )
        with self.assertRaises(AccessError):
            self.env["ps.project.change.line"].with_user(self.member).with_context(**FORGED).create(
                {"gate_id": gate.id, "line_type": "new_task", "name": "Extra"}
            )
        with self.assertRaises(AccessError):
            as_member.action_approve()
        gate.action_ps_submit()
        for user in (self.member, self.pm):
            with self.assertRaises(UserError):
                gate.with_user(user).with_context(**FORGED).action_approve()
            with self.assertRaises(UserError):
                gate.with_user(user).with_context(**FORGED).validate_tier()
            with self.assertRaises(UserError):
                gate.change_line_ids[:1].with_user(user).with_context(**FORGED).write(
                    {"name": "Rewritten"}
                )
        self.assertEqual(gate.state, "draft")
        self.assertEqual(self._state(project), before)
        self.assertEqual(len(gate.change_line_ids), 4)

    # -- DR3: quality review before hand-over ----------------------------------
    def test_quality_review_is_off_by_default(self):
        self.assertFalse(
            self.env["ps.project.type"].create({"name": "X", "code": "X"}).ps_quality_review
        )
        project = self._project()
        project.message_subscribe(self.member.partner_id.ids)
        report = self._deliverable(project, "Diagnosis report").with_user(self.member)
        report.action_submit()
        self.assertEqual(report.state, "submitted")

    def test_quality_review_clears_the_hand_over(self):
        self.type.ps_quality_review = True
        project = self._executing()
        report = self._deliverable(project, "Diagnosis report")
        as_member = report.with_user(self.member)
        with self._refused(
            "Diagnosis report needs an approved quality review before it is handed over to "
            "the customer \\(projects of type Consulting D\\): the project manager requests it",
        ):
            as_member.with_context(**FORGED).action_submit()
        with self.assertRaises(UserError):
            as_member.with_context(**FORGED).write({"state": "submitted"})
        # the member neither asks for the review nor writes one approved
        with self.assertRaises(AccessError):
            as_member.action_ps_request_quality_review()
        with self.assertRaises(AccessError):
            self.env["ps.project.gate"].with_user(self.member).with_context(**FORGED).create(
                {"project_id": project.id, "gate_type": "quality", "deliverable_id": report.id}
            )
        self.assertFalse(report.ps_quality_gate_ids)
        self.assertEqual(report.state, "planned")

        action = report.with_user(self.pm).action_ps_request_quality_review()
        review = self.env["ps.project.gate"].browse(action["res_id"])
        self.assertEqual(
            (review.gate_type, review.state, review.deliverable_id), ("quality", "draft", report)
        )
        self.assertIn("Deliverable: Diagnosis report", review._ps_approval_summary())
        # asked again, the waiting review is reused
        self.assertEqual(
            report.with_user(self.pm).action_ps_request_quality_review()["res_id"], review.id
        )
        with self._refused("its quality review waits for its reviewers"):
            report.with_user(self.pm).action_submit()
        for user in (self.member, self.pm):
            with self.assertRaises(UserError):
                review.with_user(user).with_context(**FORGED).validate_tier()
            with self.assertRaises(UserError):
                review.with_user(user).with_context(**FORGED).write({"state": "approved"})
            with self.assertRaises(UserError):  # AccessError for the member
                review.with_user(user).with_context(**FORGED).action_approve()
        self.assertEqual((review.state, report.state), ("draft", "planned"))

        self._pmo_decides(project, "quality")
        self.assertEqual((review.state, report.ps_quality_gate_id), ("approved", review))
        self.assertEqual(project.ps_phase, "execution")  # a review opens no phase
        as_member.action_submit()
        self.assertEqual(report.state, "submitted")
        # rejected by the customer, the reworked report is reviewed again
        report.with_user(self.pm)._ps_reject("Figures missing")
        with self.assertRaises(UserError):
            report.with_user(self.pm).with_context(**FORGED).write(
                {"ps_quality_gate_id": review.id}
            )
        with self._refused("Diagnosis report needs an approved quality review"):
            as_member.action_submit()
        self.assertEqual(report.state, "rejected")
        again = report.with_user(self.pm).action_ps_request_quality_review()["res_id"]
        self.assertNotEqual(again, review.id)
        self._pmo_decides(project, "quality")
        self.assertEqual(report.ps_quality_gate_id.id, again)
        as_member.action_submit()
        self.assertEqual(report.state, "submitted")
        # the other deliverable still waits for its own review
        with self._refused("Final report needs an approved quality review"):
            self._deliverable(project, "Final report").with_user(self.member).action_submit()

    def test_quality_review_of_a_deliverable_handed_over_is_refused(self):
        self.type.ps_quality_review = True
        project = self._executing()
        report = self._deliverable(project, "Diagnosis report")
        report.with_user(self.pm).action_ps_request_quality_review()
        self._pmo_decides(project, "quality")
        report.with_user(self.member).action_submit()
        with self._refused("Diagnosis report is Submitted: it cannot be reviewed"):
            report.with_user(self.pm).action_ps_request_quality_review()
        self.assertEqual(
            self.env["ps.project.gate"].search_count([("deliverable_id", "=", report.id)]), 1
        )
        other = self._project("Other engagement")
        with self._refused("is not a deliverable of project"):
            self.env["ps.project.gate"].with_user(self.pmo).create(
                {
                    "project_id": project.id,
                    "gate_type": "quality",
                    "deliverable_id": self._deliverable(other, "Final report").id,
                }
            ).action_ps_submit()
