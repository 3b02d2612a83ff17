from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsOverrun(PsFinanceCommon):
    def test_expense_over_remaining_budget_needs_extra_tier(self):
        """A claim above the remaining budget of its category needs the PMO's extra
        tier before it can be approved; one within the budget does not."""
        self._budget(self.project, {self.travel: 100.0})
        _ok, ok_sheet = self._expense(60.0)
        self.assertFalse(ok_sheet.ps_over_budget)
        self.assertFalse(ok_sheet.review_ids)

        _over, sheet = self._expense(50.0)  # 60 committed + 50 > 100
        self.assertTrue(sheet.ps_over_budget)
        self.assertIn("Travel", sheet.ps_over_budget_reason)
        self.assertEqual(
            sheet.review_ids.definition_id.reviewer_group_id,
            self.env.ref("project.group_project_manager"),
        )
        with self.assertRaisesRegex(UserError, "over-budget approval"):
            sheet.with_user(self.finance).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "submit")
        with self.assertRaises(ValidationError):
            sheet.with_user(self.finance).with_context(skip_validation_check=True).write(
                {"approval_state": "approve"}
            )

        sheet.with_user(self.pmo).validate_tier()
        self.assertEqual(sheet.validation_status, "validated")
        self._approve_and_post(sheet)
        self._approve_and_post(ok_sheet)

    def test_project_without_budget_is_not_controlled(self):
        """Projects without an approved budget are not budget-controlled."""
        _expense, sheet = self._expense(5000.0, project=self.other_project)
        self.assertFalse(sheet.ps_over_budget)
        self._approve_and_post(sheet)

    def test_crossing_thresholds_creates_one_alert_each(self):
        """Crossing 80% then 100% of a category budget creates one warning and one alert
        (per category and in total), whatever the number of checks; the project
        manager and the PMO get a to-do."""
        budget = self._budget(self.project, {self.labour: 1000.0})
        Alert = self.env["ps.budget.alert"]
        self._timesheet(10)  # 500: 50%
        self.project._ps_check_budget_overrun()
        self.assertFalse(Alert.search([("budget_id", "=", budget.id)]))

        self._timesheet(7)  # 850: 85%
        for _i in range(3):
            self.project._ps_check_budget_overrun()
        alerts = Alert.search([("budget_id", "=", budget.id)])
        self.assertEqual(sorted(alerts.mapped("level")), ["warning", "warning"])  # labour + total
        warning = alerts.filtered("category_id")
        self.assertEqual(warning.category_id, self.labour)
        self.assertIn(self.pm, warning.activity_ids.user_id)
        self.assertIn(self.pmo, warning.activity_ids.user_id)

        self._timesheet(4)  # 1050: 105%
        self.env["project.project"]._cron_ps_check_budget_overrun()
        self.project._ps_check_budget_overrun()
        alerts = Alert.search([("budget_id", "=", budget.id)])
        self.assertEqual(len(alerts), 4)
        self.assertEqual(len(alerts.filtered(lambda a: a.level == "overrun")), 2)

    def test_posting_a_cost_checks_at_once(self):
        """Posting a vendor bill checks the project's budget immediately."""
        budget = self._budget(self.project, {self.outsourcing: 1000.0})
        self._bill(1200.0, category=self.outsourcing)
        alerts = self.env["ps.budget.alert"].search([("budget_id", "=", budget.id)])
        self.assertEqual(
            sorted(alerts.mapped("level")), ["overrun", "overrun", "warning", "warning"]
        )
        self.assertEqual(self._pnl().budget_status, "over")

    def test_thresholds_are_checked(self):
        """The warning threshold must be positive and not above the alert threshold."""
        with self.assertRaises(ValidationError):
            self.project.ps_budget_warning_pct = 120.0
