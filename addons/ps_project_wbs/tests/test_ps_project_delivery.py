from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import meet_start_requirements


class ProjectDeliveryCase(TransactionCase):
    """A project type with its WBS template, the PMO, a project manager, a
    member and an outsider. The shipped approval rules of gates are archived
    (tests that need one add it): the PMO still decides every gate, as the
    owning role of decisions no rule covers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pmo = new_test_user(
            cls.env, login="ps_dl_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.pm = new_test_user(
            cls.env, login="ps_dl_pm", groups="base.group_user,project.group_project_user"
        )
        cls.member = new_test_user(
            cls.env, login="ps_dl_member", groups="base.group_user,project.group_project_user"
        )
        cls.outsider = new_test_user(
            cls.env, login="ps_dl_outsider", groups="base.group_user,project.group_project_user"
        )
        cls.env["tier.definition"].search([("model", "=", "ps.project.gate")]).active = False
        cls.type = cls.env["ps.project.type"].create({"name": "Consulting D", "code": "COND"})
        cls.env["ps.wbs.template.deliverable"].create(
            {"project_type_id": cls.type.id, "name": "Final report", "phase": "closing"}
        )
        template = cls.env["ps.wbs.template"].create(
            {
                "name": "Consulting D",
                "project_type_id": cls.type.id,
                "risk_ids": [Command.create({"name": "Sponsor leaves", "impact": "5"})],
                "knowledge_ids": [Command.create({"name": "Read past diagnostics"})],
            }
        )
        Node = cls.env["ps.wbs.template.node"]
        diagnosis = Node.create(
            {"template_id": template.id, "name": "Diagnosis", "duration_days": 10}
        )
        Node.create(
            [
                {
                    "template_id": template.id,
                    "parent_id": diagnosis.id,
                    "name": name,
                    "planned_hours": hours,
                    "offset_days": offset,
                    "duration_days": 5,
                }
                for name, hours, offset in (("Interviews", 10.0, 0), ("Analysis", 30.0, 5))
            ]
        )
        cls.env["ps.wbs.template.deliverable"].create(
            {"template_id": template.id, "name": "Diagnosis report", "node_id": diagnosis.id}
        )
        cls.type.wbs_template_id = template
        cls.template = template

    def _project(self, name="Strategy review"):
        project = self.env["project.project"].create(
            {
                "name": name,
                "ps_project_type_id": self.type.id,
                "user_id": self.pm.id,
                "date_start": date(2026, 3, 2),
            }
        )
        project.action_ps_apply_wbs_template()
        meet_start_requirements(project)
        return project.with_user(self.pm)

    def _pmo_approves_changes(self):
        return self.env["tier.definition"].create(
            {
                "name": "PMO approves changes",
                "model_id": self.env.ref("ps_project_wbs.model_ps_project_gate").id,
                "review_type": "individual",
                "reviewer_id": self.pmo.id,
                "definition_domain": "[('gate_type', '=', 'change')]",
            }
        )

    def _task(self, project, name):
        return self.env["project.task"].search(
            [("project_id", "=", project.id), ("name", "=", name)]
        )

    def _pmo_decides(self, project, gate_type, user=None):
        """The PMO validates the gate of ``gate_type`` waiting for a decision."""
        gate = project.sudo().ps_gate_ids.filtered(
            lambda g: g.gate_type == gate_type and g.state == "draft"
        )
        self.assertEqual(len(gate), 1, f"one {gate_type} gate waits for the PMO")
        gate.with_user(user or self.pmo).validate_tier()
        return gate.with_env(project.env)

    def _to_execution(self, project):
        project.action_ps_request_initiation()
        self._pmo_decides(project, "initiation")
        project.action_ps_request_plan()
        self._pmo_decides(project, "plan")
        self.assertEqual(project.ps_phase, "execution")


@tagged("post_install", "-at_install")
class TestProjectDelivery(ProjectDeliveryCase):
    """Lifecycle after initiation: plan baseline, change requests, deliverables,
    closure, roll-ups, workload, visibility."""

    def test_template_and_type_deliverables_risks_and_checklist_reach_the_project(self):
        project = self._project()
        self.assertEqual(
            sorted(project.ps_deliverable_ids.mapped("name")), ["Diagnosis report", "Final report"]
        )
        report = project.ps_deliverable_ids.filtered(lambda d: d.name == "Diagnosis report")
        self.assertEqual(report.task_id, self._task(project, "Diagnosis"))
        self.assertEqual(report.date_due, date(2026, 3, 12))
        self.assertEqual(report.owner_id, self.pm)
        self.assertEqual(project.ps_risk_ids.score, 15)
        self.assertEqual(project.ps_knowledge_check_ids.name, "Read past diagnostics")
        self.assertEqual(project.privacy_visibility, "followers")

    def test_plan_approval_freezes_the_baseline(self):
        project = self._project()
        project.action_ps_request_initiation()
        self.assertEqual(project.ps_phase, "initiation")
        self._pmo_decides(project, "initiation")
        self.assertEqual(project.ps_phase, "planning")
        with self.assertRaisesRegex(UserError, "Plan Approval is approved"):
            project.ps_phase = "execution"
        analysis = self._task(project, "Analysis")
        self.assertFalse(analysis.ps_baseline_deadline)
        project.action_ps_request_plan()
        self.assertFalse(analysis.ps_baseline_deadline)
        self._pmo_decides(project, "plan")
        self.assertEqual(project.ps_phase, "execution")
        self.assertEqual(project.ps_baseline_version, 1)
        self.assertEqual(analysis.ps_baseline_deadline, datetime(2026, 3, 12))
        self.assertEqual(analysis.ps_baseline_hours, 30.0)
        # moving a deadline without a change request shows as schedule variance
        analysis.date_deadline = datetime(2026, 3, 16)
        self.assertEqual(analysis.ps_schedule_variance_days, 4)
        self.assertEqual(project.ps_schedule_variance_days, 4)
        self.assertEqual(analysis.ps_baseline_deadline, datetime(2026, 3, 12))

    def test_change_request_moves_the_baseline_only_once_approved(self):
        tier = self._pmo_approves_changes()
        project = self._project()
        self._to_execution(project)
        analysis = self._task(project, "Analysis")
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].browse(action["res_id"]).with_user(self.pm)
        with Form(gate) as form:
            form.reason = "The customer adds two subsidiaries"
            form.impact = "Five more days of analysis"
            with form.change_line_ids.new() as line:
                line.task_id = analysis
                line.new_date_deadline = datetime(2026, 3, 17)
                line.new_hours = 45.0
        gate.action_ps_submit()
        self.assertEqual(gate.state, "draft")
        self.assertEqual(gate.review_ids.definition_id, tier)
        self.assertEqual(analysis.ps_baseline_deadline, datetime(2026, 3, 12))
        self.assertEqual(analysis.ps_baseline_hours, 30.0)
        self.assertEqual(analysis.allocated_hours, 30.0)
        self.assertEqual(project.ps_baseline_version, 1)
        with self.assertRaises(UserError):
            gate.action_approve()

        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(gate.state, "approved")
        self.assertEqual(analysis.date_deadline, datetime(2026, 3, 17))
        self.assertEqual(analysis.ps_baseline_deadline, datetime(2026, 3, 17))
        self.assertEqual(analysis.ps_baseline_hours, 45.0)
        self.assertEqual(analysis.ps_schedule_variance_days, 0)
        self.assertEqual(project.ps_baseline_version, 2)
        self.assertEqual(self._task(project, "Diagnosis").ps_rollup_planned_hours, 55.0)

    def test_change_request_of_a_members_only_project_stays_inside_it(self):
        """Its reviewer and the project's members read a change request and its
        lines; a project user outside the project reads neither."""
        self._pmo_approves_changes()
        project = self._project()
        project.sudo().privacy_visibility = "followers"
        project.sudo().message_subscribe(self.member.partner_id.ids)
        self._to_execution(project)
        action = project.action_ps_new_change_request()
        gate = self.env["ps.project.gate"].browse(action["res_id"]).with_user(self.pm)
        gate.write(
            {
                "reason": "The customer adds a subsidiary",
                "change_line_ids": [
                    Command.create(
                        {"task_id": self._task(project, "Analysis").id, "new_hours": 40.0}
                    )
                ],
            }
        )
        gate.action_ps_submit()
        line = gate.change_line_ids
        for user in (self.pmo, self.member):
            self.assertEqual(gate.with_user(user).read(["state"])[0]["state"], "draft")
            self.assertEqual(line.with_user(user).read(["new_hours"])[0]["new_hours"], 40.0)
        with self.assertRaises(AccessError):
            gate.with_user(self.outsider).read(["state"])
        with self.assertRaises(AccessError):
            line.with_user(self.outsider).read(["new_hours"])
        self.assertFalse(
            self.env["ps.project.change.line"]
            .with_user(self.outsider)
            .search([("gate_id", "=", gate.id)])
        )

    def test_change_request_before_plan_approval_is_refused(self):
        project = self._project()
        project.action_ps_request_initiation()
        with self.assertRaisesRegex(UserError, "no approved plan yet"):
            project.action_ps_new_change_request()

    def test_closure_needs_accepted_deliverables_and_closed_tasks(self):
        project = self._project()
        self._to_execution(project)
        project.task_ids.write({"state": "1_done"})
        with self.assertRaisesRegex(UserError, "deliverables not accepted: Diagnosis report"):
            project.action_ps_request_closure()
        self.assertEqual(project.ps_phase, "execution")
        with self.assertRaisesRegex(UserError, "Closure Approval is approved"):
            project.ps_phase = "closing"

        deliverables = project.ps_deliverable_ids.with_user(self.member)
        project.message_subscribe(self.member.partner_id.ids)
        deliverables.action_submit()
        deliverables.with_user(self.pm).action_accept()
        self.assertEqual(set(deliverables.mapped("state")), {"accepted"})
        self.assertEqual(deliverables.accepted_by_id, self.pm)

        self._task(project, "Interviews").state = "01_in_progress"
        with self.assertRaisesRegex(UserError, "1 open tasks \\(Interviews\\)"):
            project.action_ps_request_closure()
        self._task(project, "Interviews").state = "1_canceled"
        # the knowledge checklist is part of closing (DR4)
        with self.assertRaisesRegex(
            UserError, "knowledge checklist not done: Read past diagnostics"
        ):
            project.action_ps_request_closure()
        project.ps_knowledge_check_ids.with_user(self.pm).write({"done": True})
        project.ps_lessons_learned = "<p>Interview the sponsor first</p>"
        action = project.action_ps_request_closure()
        gate = self.env["ps.project.gate"].browse(action["res_id"])
        self.assertEqual((gate.gate_type, gate.state), ("closure", "draft"))
        self.assertEqual(project.ps_phase, "execution")
        self._pmo_decides(project, "closure")
        self.assertEqual((gate.gate_type, gate.state), ("closure", "approved"))
        # a closed project takes no more time (DR4)
        employee = self.env["hr.employee"].create({"name": "Late member", "user_id": self.pm.id})
        Timesheet = self.env["account.analytic.line"].with_user(self.pm)
        with self.assertRaisesRegex(UserError, "is closed: you cannot log time"):
            Timesheet.create(
                {
                    "name": "After closure",
                    "project_id": project.id,
                    "task_id": self._task(project, "Analysis").id,
                    "employee_id": employee.id,
                    "unit_amount": 2.0,
                }
            )
        self.assertFalse(
            self.env["account.analytic.line"].search([("project_id", "=", project.id)])
        )
        self.assertIn("Interview the sponsor first", str(gate.lessons_learned))
        self.assertEqual(project.ps_phase, "closing")

    def test_only_the_manager_accepts_or_rejects_deliverables(self):
        project = self._project()
        project.message_subscribe(self.member.partner_id.ids)
        report = project.ps_deliverable_ids[:1].with_user(self.member)
        report.action_submit()
        # the member is not offered the decision (the buttons hide on it)...
        self.assertEqual(
            [report.with_user(u).ps_can_decide for u in (self.member, self.pm, self.pmo)],
            [False, True, True],
        )
        # ...nor allowed it
        with self.assertRaisesRegex(AccessError, "Only the project manager"):
            report.action_accept()
        with self.assertRaisesRegex(AccessError, "Only the project manager"):
            report.write({"state": "accepted"})
        with self.assertRaisesRegex(AccessError, "Only the project manager"):
            report.action_reject()
        self.assertEqual(report.state, "submitted")

        action = report.with_user(self.pm).action_reject()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.pm).with_context(**action["context"])
        )
        wizard.reason = "Add the benchmark of the three competitors"
        wizard.save().action_reject()
        self.assertEqual(report.state, "rejected")
        self.assertIn("benchmark", report.rejection_reason)
        with self.assertRaisesRegex(UserError, "Say why"):
            report.with_user(self.pm)._ps_reject("  ")
        report.action_submit()
        report.with_user(self.pmo).action_accept()
        self.assertEqual(report.state, "accepted")
        with self.assertRaisesRegex(UserError, "is accepted"):
            report.with_user(self.pm).write({"name": "Other"})

    def test_a_member_cannot_read_a_project_they_are_not_on(self):
        project = self._project()
        with self.assertRaises(AccessError):
            project.with_user(self.outsider).read(["name"])
        self.assertFalse(
            self.env["project.project"].with_user(self.outsider).search([("id", "=", project.id)])
        )
        self.assertFalse(
            self.env["ps.project.deliverable"]
            .with_user(self.outsider)
            .search([("project_id", "=", project.id)])
        )
        risk = project.ps_risk_ids
        self.assertTrue(risk)
        with self.assertRaises(AccessError):
            risk.with_user(self.outsider).read(["name"])
        project.message_subscribe(self.member.partner_id.ids)
        self.assertEqual(project.with_user(self.member).name, "Strategy review")
        self.assertEqual(len(project.ps_deliverable_ids.with_user(self.member).read(["name"])), 2)
        # ...but a member is not the manager: no gate requests, no edits
        with self.assertRaises(AccessError):
            project.with_user(self.member).action_ps_request_initiation()
        with self.assertRaises(AccessError):
            project.with_user(self.member).write({"description": "Mine now"})

    def test_the_manager_reads_their_private_project_without_following_it(self):
        project = self._project()
        project.sudo().message_unsubscribe(self.pm.partner_id.ids)
        self.assertNotIn(self.pm.partner_id, project.sudo().message_partner_ids)
        self.assertEqual(project.with_user(self.pm).ps_phase, "initiation")
        task = self._task(project, "Interviews").with_user(self.pm)
        task.write({"allocated_hours": 12.0})
        self.assertEqual(task.allocated_hours, 12.0)
        with self.assertRaises(AccessError):
            project.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            task.with_user(self.outsider).write({"allocated_hours": 1.0})

    def test_rollups_follow_timesheets(self):
        project = self._project()
        employee = self.env["hr.employee"].create({"name": "Consultant", "user_id": self.pm.id})
        interviews = self._task(project, "Interviews")
        self.env["account.analytic.line"].create(
            {
                "name": "Interview CFO",
                "project_id": project.id,
                "task_id": interviews.id,
                "employee_id": employee.id,
                "unit_amount": 4.0,
            }
        )
        diagnosis = self._task(project, "Diagnosis")
        self.assertEqual(diagnosis.ps_rollup_planned_hours, 40.0)
        self.assertEqual(diagnosis.total_hours_spent, 4.0)
        self.assertAlmostEqual(diagnosis.ps_hours_burn, 10.0)
        self.assertAlmostEqual(interviews.ps_hours_burn, 40.0)
        self.assertEqual(project.ps_planned_hours, 40.0)
        self.assertEqual(project.ps_spent_hours, 4.0)
        self.assertAlmostEqual(project.ps_hours_burn, 10.0)
        # Hours burnt are not work done: nothing is done yet.
        self.assertEqual((interviews.ps_progress, project.ps_progress), (0.0, 0.0))
        rows = self.env["ps.project.phase.report"].search([("project_id", "=", project.id)])
        self.assertEqual(rows.mapped("phase"), ["execution"])
        self.assertEqual((rows.planned_hours, rows.spent_hours), (40.0, 4.0))

    def test_workload_compares_planned_hours_with_working_time(self):
        project = self._project()
        self.env["hr.employee"].create({"name": "Member", "user_id": self.member.id})
        monday = date.today() - timedelta(days=date.today().weekday())
        # 70 hours from Monday to Sunday of this week, against 40 working hours
        self._task(project, "Analysis").write(
            {
                "user_ids": [Command.set(self.member.ids)],
                "allocated_hours": 70.0,
                "ps_date_start": datetime.combine(monday, datetime.min.time()),
                "date_deadline": datetime.combine(monday + timedelta(days=6), datetime.min.time()),
            }
        )
        Report = self.env["ps.workload.report"]
        row = Report.search([("user_id", "=", self.member.id), ("week_start", "=", monday)])
        self.assertAlmostEqual(row.planned_hours, 70.0)
        self.assertAlmostEqual(row.capacity_hours, 40.0)
        self.assertEqual(row.status, "overloaded")
        idle = Report.search(
            [("user_id", "=", self.member.id), ("week_start", "=", monday + timedelta(days=7))]
        )
        self.assertEqual((idle.planned_hours, idle.status), (0.0, "idle"))
        # the manager opens the member's tasks of the week and reassigns one
        action = row.with_user(self.pmo).action_open_tasks()
        tasks = self.env["project.task"].with_user(self.pmo).search(action["domain"])
        self.assertEqual(tasks, self._task(project, "Analysis"))
        tasks.user_ids = self.pm
        Report.invalidate_model()
        row = Report.search([("user_id", "=", self.member.id), ("week_start", "=", monday)])
        self.assertEqual((row.planned_hours, row.status), (0.0, "idle"))
        # a member only sees their own weeks
        self.assertEqual(Report.with_user(self.member).search([]).user_id, self.member)

    def test_project_manager_sees_the_workload_of_their_members_only(self):
        """A project manager sees their own weeks and those of the members with
        open tasks in their projects; not other people's, even busy ones."""
        mine, other = self._project("Mine"), self._project("Someone else's")
        other.sudo().user_id = self.pmo
        self._task(mine, "Analysis").user_ids = self.member
        self._task(other, "Analysis").user_ids = self.outsider
        for user in (self.pm, self.member, self.outsider):
            self.env["hr.employee"].create({"name": user.name, "user_id": user.id})
        Report = self.env["ps.workload.report"]
        self.assertEqual(Report.with_user(self.pm).search([]).user_id, self.pm | self.member)
        team = Report.with_user(self.pm).search([("in_my_team", "=", True)])
        self.assertEqual(team.user_id, self.member)
        self.assertEqual(Report.with_user(self.member).search([]).user_id, self.member)
        self.assertEqual(Report.with_user(self.outsider).search([]).user_id, self.outsider)
        # once the member's task is done, they leave the manager's view
        self._task(mine, "Analysis").sudo().state = "1_done"
        Report.invalidate_model()
        self.assertEqual(Report.with_user(self.pm).search([]).user_id, self.pm)

    def test_project_saved_as_template_keeps_tree_deliverables_and_risks(self):
        project = self._project()
        interviews, analysis = self._task(project, "Interviews"), self._task(project, "Analysis")
        analysis.depend_on_ids = interviews
        action = project.with_user(self.pmo).action_ps_save_as_template()
        template = self.env["ps.wbs.template"].browse(action["res_id"])
        nodes = {n.name: n for n in template.node_ids}
        self.assertEqual(set(nodes), {"Diagnosis", "Interviews", "Analysis"})
        self.assertEqual(nodes["Analysis"].parent_id, nodes["Diagnosis"])
        self.assertEqual(nodes["Analysis"].depend_on_ids, nodes["Interviews"])
        self.assertEqual((nodes["Analysis"].offset_days, nodes["Analysis"].duration_days), (5, 5))
        self.assertEqual(nodes["Analysis"].planned_hours, 30.0)
        self.assertEqual(
            sorted(template.deliverable_ids.mapped("name")), ["Diagnosis report", "Final report"]
        )
        self.assertEqual(
            template.deliverable_ids.filtered(lambda d: d.name == "Diagnosis report").node_id,
            nodes["Diagnosis"],
        )
        self.assertEqual(template.risk_ids.name, "Sponsor leaves")
        with self.assertRaises(AccessError):
            project.with_user(self.member).action_ps_save_as_template()

    def test_timeline_grouped_by_a_date_does_not_fail(self):
        """The task timeline offers only the group-bys it can draw, and a custom
        date group-by (sent as "field:granularity") reads instead of failing."""
        project = self._project()
        rows = (
            self.env["project.task"]
            .with_user(self.pm)
            .search_read(
                [("project_id", "=", project.id)],
                ["name", "create_date:year", "date_deadline:month"],
            )
        )
        self.assertEqual(len(rows), len(project.task_ids))
        self.assertIn("create_date", rows[0])
        action = self.env.ref("ps_project_wbs.ps_task_timeline_action")
        arch = (
            self.env["project.task"]
            .with_user(self.pm)
            .get_views([(action.search_view_id.id, "search")])["views"]["search"]["arch"]
        )
        for group_by in ("create_date", "date_assign", "date_last_stage_update", "date_deadline"):
            self.assertNotIn(f"'group_by': '{group_by}'", arch)
        self.assertIn("'group_by': 'stage_id'", arch)
