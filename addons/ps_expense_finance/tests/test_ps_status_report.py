from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsStatusReport(PsFinanceCommon):
    """Weekly status reports on Odoo's project updates: rated red, amber or
    green from schedule, cost and risk, with the project's earned value as it
    was; asked from the managers weekly by an activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget = cls._budget(cls.project, {cls.travel: 1000.0})
        # under way (its gates are ps_project_wbs' tests)
        cls.env.cr.execute(
            "UPDATE project_project SET ps_phase = 'execution' WHERE id = %s", [cls.project.id]
        )
        cls.project.invalidate_recordset(["ps_phase"])
        cls.activity_type = cls.env.ref("ps_expense_finance.mail_activity_type_status_report")

    def _report(self, user=None):
        form = Form(
            self.env["project.update"]
            .with_user(user or self.pm)
            .with_context(default_project_id=self.project.id)
        )
        form.name = "Week 48"
        return form.save()

    def _ratings(self, report):
        return (report.ps_schedule_rag, report.ps_cost_rag, report.ps_risk_rag, report.ps_rag)

    def test_a_healthy_project_is_green_on_track(self):
        """No cost, no slip, no risk: green everywhere, the proposed status is
        on track and the budget at completion is the approved budget."""
        report = self._report()
        self.assertEqual(self._ratings(report), ("green", "green", "green", "green"))
        self.assertEqual(report.status, "on_track")
        self.assertEqual(
            (report.ps_ev_budget, report.ps_ev_actual_cost, report.ps_high_risk_count),
            (1000.0, 0.0, 0),
        )

    def test_cost_risk_and_schedule_make_it_amber_then_red_and_stay_as_filed(self):
        """Costs at the warning threshold and a risk scored 9 make it amber;
        costs at the budget, a risk scored 16 and a task 12 days late make it
        red, off track. A filed report keeps its figures."""
        self._expense(850.0)
        risk = self.env["ps.project.risk"].create(
            {
                "project_id": self.project.id,
                "name": "Sponsor leaves",
                "probability": "3",
                "impact": "3",
            }
        )
        amber = self._report()
        self.assertEqual(self._ratings(amber), ("green", "amber", "amber", "amber"))
        self.assertEqual(amber.status, "at_risk")

        self._expense(150.0)
        risk.write({"probability": "4", "impact": "4"})
        task = self.env["project.task"].create(
            {
                "name": "Interviews",
                "project_id": self.project.id,
                "date_deadline": datetime(2026, 3, 10),
                "allocated_hours": 10.0,
            }
        )
        task._ps_freeze_baseline()
        task.date_deadline = datetime(2026, 3, 22)
        red = self._report()
        self.assertEqual(self._ratings(red), ("red", "red", "red", "red"))
        self.assertEqual(red.status, "off_track")
        self.assertEqual((red.ps_schedule_variance_days, red.ps_high_risk_count), (12, 1))
        self.assertEqual(self.project.last_update_id, red)
        # the amber report keeps what was true when it was filed
        self.assertEqual(self._ratings(amber), ("green", "amber", "amber", "amber"))

    def test_ratings_and_figures_are_not_typed_in(self):
        """A manager (forged keys or not) does not rewrite the ratings; a
        project member does not read the earned-value figures."""
        report = self._report()
        forged = {"ps_internal": True}
        with Form(report.with_user(self.pm).with_context(**forged)) as form:
            with self.assertRaises(AssertionError):  # read-only in the form
                form.ps_rag = "red"
        for user in (self.pm, self.pmo):
            with self.assertRaises(AccessError):
                report.with_user(user).with_context(**forged).write(
                    {"ps_cost_rag": "red", "ps_snap_cpi": 0.5}
                )
        # typed in at creation, they are replaced by the project's
        typed = (
            self.env["project.update"]
            .with_user(self.pm)
            .with_context(**forged)
            .create(
                {
                    "name": "Typed",
                    "project_id": self.project.id,
                    "status": "on_track",
                    "ps_rag": "red",
                    "ps_ev_budget": 5.0,
                }
            )
        )
        self.assertEqual((typed.ps_rag, typed.sudo().ps_snap_budget), ("green", 1000.0))
        report.invalidate_recordset()
        self.assertEqual((report.ps_cost_rag, report.sudo().ps_snap_cpi), ("green", 0.0))
        # the figures are shown as the project's P&L: to its manager, not to a member
        self.assertEqual(report.with_user(self.pm).ps_ev_budget, 1000.0)
        self.assertEqual(report.with_user(self.member).ps_ev_budget, 0.0)
        self.assertEqual(report.with_user(self.other_pm).ps_ev_budget, 0.0)
        with self.assertRaises(AccessError):
            report.with_user(self.member).read(["ps_snap_budget"])
        self.assertEqual(report.with_user(self.member).read(["ps_rag"])[0]["ps_rag"], "green")

    def test_the_weekly_request_asks_once_and_is_answered_by_the_report(self):
        """The cron asks the manager of a project under way once (running it
        again asks nothing more), not a project in initiation; filing the
        report marks the request done and nothing is asked that week."""
        Update = self.env["project.update"]
        asked = Update._cron_ps_request_status_reports()
        self.assertIn(self.project, asked)
        self.assertNotIn(self.other_project, asked)  # still in initiation
        activity = self.project.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        self.assertEqual((len(activity), activity.user_id), (1, self.pm))
        self.assertEqual(
            activity.date_deadline, fields.Date.context_today(activity) + timedelta(days=2)
        )
        self.assertNotIn(self.project, Update._cron_ps_request_status_reports())
        self.assertEqual(len(self.project.activity_ids), 1)
        self._report()
        self.assertFalse(self.project.activity_ids)
        self.assertNotIn(self.project, Update._cron_ps_request_status_reports())
        self.assertFalse(self.project.activity_ids)
