from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsPeriod(PsFinanceCommon):
    def test_closed_snapshot_does_not_change(self):
        """A closed month keeps its figures when a later cost is posted in that month;
        the correction shows as a difference."""
        self._budget(self.project, {self.outsourcing: 5000.0})
        self._bill(300.0, category=self.outsourcing)  # dated 2026-01-15
        period = self.env["ps.project.period"].create(
            {"project_id": self.project.id, "date_start": "2026-01-10"}
        )
        self.assertEqual(str(period.date_start), "2026-01-01")
        self.assertEqual(str(period.date_end), "2026-01-31")
        with self.assertRaises(UserError):
            period.with_user(self.pm).action_close()
        period.with_user(self.finance).action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(
            (period.cost_month, period.cost_to_date, period.budget), (300.0, 300.0, 5000.0)
        )
        self.assertEqual(
            period.line_ids.filtered(
                lambda line: line.category_id == self.outsourcing
            ).cost_to_date,
            300.0,
        )

        # A late correction in January is refused, even as superuser; dated in
        # February it is booked and the closed month does not move.
        late = self._bill(200.0, category=self.outsourcing, post=False)  # 2026-01-15
        with self.assertRaises(UserError) as caught:
            late.action_post()
        self.assertIn("Finance project A is closed up to", str(caught.exception))
        self.assertEqual(late.state, "draft")
        self.assertFalse(late.line_ids.analytic_line_ids)
        self._bill(200.0, category=self.outsourcing, date="2026-02-02")
        self.env.flush_all()
        period.invalidate_recordset()
        self.assertEqual(period.cost_to_date, 300.0)
        self.assertEqual(period.line_ids.cost_to_date, 300.0)
        self.assertEqual(period.live_cost_to_date, 300.0)
        self.assertEqual(period.difference, 0.0)
        with self.assertRaises(UserError):
            period.write({"cost_to_date": 500.0})
        with self.assertRaises(UserError):
            period.unlink()

    @freeze_time("2026-03-05")
    def test_cron_opens_last_month(self):
        """The monthly job opens last month's period of each project once."""
        Period = self.env["ps.project.period"]
        Period._cron_create_periods()
        Period._cron_create_periods()
        periods = Period.search([("project_id", "=", self.project.id)])
        self.assertEqual(len(periods), 1)
        self.assertEqual(str(periods.date_start), "2026-02-01")
