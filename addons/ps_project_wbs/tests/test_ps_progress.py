from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsProgress(TransactionCase):
    """Percent complete is work done (task state or the progress its manager
    enters), weighted by planned hours; hours burnt are their own figure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "Progress project", "allow_timesheets": True}
        )
        cls.employee = cls.env["hr.employee"].create({"name": "Progress consultant"})

    def _task(self, name, hours, **vals):
        return self.env["project.task"].create(
            {"name": name, "project_id": self.project.id, "allocated_hours": hours, **vals}
        )

    def _log(self, task, hours):
        self.env["account.analytic.line"].create(
            {
                "name": "Work",
                "project_id": self.project.id,
                "task_id": task.id,
                "employee_id": self.employee.id,
                "unit_amount": hours,
            }
        )

    def test_hours_burnt_are_not_progress(self):
        """Overrun hours never push progress above 100 %: they show in the hours
        burn only."""
        task = self._task("Interviews", 10.0)
        self._log(task, 25.0)
        self.assertEqual(task.ps_progress, 0.0)
        self.assertAlmostEqual(task.ps_hours_burn, 250.0)
        self.assertEqual(self.project.ps_progress, 0.0)
        self.assertAlmostEqual(self.project.ps_hours_burn, 250.0)
        task.ps_progress_manual = 40.0
        self.assertEqual((task.ps_progress, self.project.ps_progress), (40.0, 40.0))
        task.state = "1_done"
        self.assertEqual((task.ps_progress, self.project.ps_progress), (100.0, 100.0))
        self.assertAlmostEqual(self.project.ps_hours_burn, 250.0)

    def test_progress_entered_is_validated(self):
        """The progress a manager enters is between 0 and 100 %."""
        task = self._task("Long study", 100.0)
        for value in (-5.0, 100.5):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                task.ps_progress_manual = value
                task.flush_recordset()
        task.invalidate_recordset()
        task.ps_progress_manual = 100.0
        self.assertEqual(task.ps_progress, 100.0)

    def test_project_progress_weighted_by_planned_hours(self):
        """A project's progress is its leaf tasks' progress weighted by their
        planned hours; cancelled tasks do not count; a parent task rolls up its
        sub-tasks."""
        parent = self._task("Diagnosis", 0.0)
        done = self._task("Interviews", 30.0, parent_id=parent.id, state="1_done")
        half = self._task("Analysis", 10.0, parent_id=parent.id, ps_progress_manual=50.0)
        self._task("Dropped", 60.0, state="1_canceled")
        # (30 h x 100 % + 10 h x 50 %) / 40 h = 87.5 %
        self.assertAlmostEqual(parent.ps_progress, 87.5)
        self.assertAlmostEqual(self.project.ps_progress, 87.5)
        rows = self.env["ps.project.phase.report"].search([("project_id", "=", self.project.id)])
        self.assertFalse(rows)  # no phase on these tasks
        (parent | done | half).write({"ps_phase": "execution"})
        self.env.flush_all()
        row = self.env["ps.project.phase.report"].search([("project_id", "=", self.project.id)])
        self.assertAlmostEqual(row.progress, 87.5)
        half.state = "1_done"
        self.assertEqual(self.project.ps_progress, 100.0)

    def test_equal_weights_without_hours(self):
        """Without planned hours every task weighs the same."""
        self._task("One", 0.0, state="1_done")
        self._task("Two", 0.0, ps_progress_manual=50.0)
        self._task("Three", 0.0)
        # (100 + 50 + 0) / 3 = 50 %
        self.assertAlmostEqual(self.project.ps_progress, 50.0)

    def test_all_tasks_done_is_complete(self):
        """A project whose tasks are all done is 100 % complete, whatever the
        hours spent (less or more than planned)."""
        tasks = self._task("A", 8.0) | self._task("B", 12.0) | self._task("C", 0.0)
        self._log(tasks[0], 2.0)
        self._log(tasks[1], 30.0)
        tasks.write({"state": "1_done"})
        self.assertEqual(self.project.ps_progress, 100.0)
        self.assertAlmostEqual(self.project.ps_hours_burn, 160.0)

    def test_only_the_manager_records_progress(self):
        """The progress entered drives the earned value: the project's manager
        (or the PMO) records it, a member of the project may not."""
        groups = "base.group_user,project.group_project_user"
        pm = new_test_user(self.env, login="ps_pg_pm", groups=groups)
        member = new_test_user(self.env, login="ps_pg_member", groups=groups)
        self.project.write({"user_id": pm.id, "privacy_visibility": "employees"})
        task = self._task("Interviews", 10.0)
        task.with_user(member).write({"name": "Interviews (CFO)"})
        self.assertFalse(task.with_user(member).ps_can_set_progress)
        with self.assertRaises(AccessError):
            task.with_user(member).write({"ps_progress_manual": 80.0})
        with self.assertRaises(AccessError):
            self.env["project.task"].with_user(member).create(
                {"name": "Sneaky", "project_id": self.project.id, "ps_progress_manual": 90.0}
            )
        self.assertTrue(task.with_user(pm).ps_can_set_progress)
        task.with_user(pm).write({"ps_progress_manual": 80.0})
        self.assertEqual(self.project.ps_progress, 80.0)
