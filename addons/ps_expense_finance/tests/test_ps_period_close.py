from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsPeriodClose(PsFinanceCommon):
    """The monthly close of many projects at once (issue 22 item 4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        cls.projects = cls.env["project.project"].create(
            [
                {"name": f"Close {i:03d}", "allow_timesheets": True, "company_id": company.id}
                for i in range(221)
            ]
        )
        # project i: (i % 7 + 1) hours on 2026-01-10 and 1 hour on 2026-02-10, at 50 an hour
        cls.env["account.analytic.line"].create(
            [
                {
                    "name": "Work",
                    "project_id": project.id,
                    "employee_id": cls.employee.id,
                    "unit_amount": hours,
                    "date": day,
                }
                for i, project in enumerate(cls.projects)
                for hours, day in ((i % 7 + 1, "2026-01-10"), (1.0, "2026-02-10"))
            ]
        )
        Period = cls.env["ps.project.period"]
        cls.january = Period.create(
            [{"project_id": p.id, "date_start": "2026-01-01"} for p in cls.projects]
        )

    def _queries(self, periods):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        periods.with_user(self.finance).action_close()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_close_cost_does_not_follow_the_number_of_periods(self):
        """Closing 200 periods costs about the queries of closing 20 (the
        figures, lines and periods are read and written set-based), and every
        snapshot has its own figures."""
        self._queries(self.january[0])  # warms the caches kept across transactions
        small = self._queries(self.january[1:21])
        large = self._queries(self.january[21:221])
        self.assertLessEqual(large - small, 4, f"20 periods: {small}, 200 periods: {large}")
        self.assertLessEqual(small, 20, small)
        self.assertEqual(set(self.january.mapped("state")), {"closed"})
        for i, period in enumerate(self.january):
            self.assertEqual(period.cost_to_date, (i % 7 + 1) * 50.0, period.name)
            self.assertEqual(period.cost_month, (i % 7 + 1) * 50.0, period.name)
            self.assertEqual(period.closed_by_id, self.finance)
            self.assertEqual(len(period.line_ids), 1)
            self.assertEqual(
                (period.line_ids.category_id, period.line_ids.cost_to_date),
                (self.labour, (i % 7 + 1) * 50.0),
            )

    @freeze_time("2026-03-05")
    def test_cron_closes_ended_months_in_batches(self):
        """The close job closes every ended month in batches, reports its
        progress to the cron, leaves the running month open, and its figures are
        those of the Close button; a second run has nothing left to do."""
        projects = self.projects[:5]
        Period = self.env["ps.project.period"]
        january = self.january.filtered(lambda p: p.project_id in projects)
        (self.january - january).with_user(self.finance).action_close()
        february = Period.create(
            [{"project_id": p.id, "date_start": "2026-02-01"} for p in projects]
        )
        march = Period.create([{"project_id": p.id, "date_start": "2026-03-01"} for p in projects])
        cron = self.env.ref("ps_expense_finance.ps_project_period_close_cron")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        batches = []
        close = type(Period)._ps_close

        def spy(periods):
            batches.append(len(periods))
            return close(periods)

        with patch.object(type(Period), "_ps_close", autospec=True, side_effect=spy):
            Period.with_context(ir_cron_progress_id=progress.id)._cron_close_periods(batch_size=4)
        self.assertEqual(batches, [4, 4, 2])
        self.assertEqual((progress.done, progress.remaining), (10, 0))
        self.assertEqual(set((january | february).mapped("state")), {"closed"})
        self.assertEqual(set(march.mapped("state")), {"open"})
        for i, (jan, feb) in enumerate(zip(january, february, strict=True)):
            self.assertEqual((jan.cost_to_date, jan.cost_month), ((i % 7 + 1) * 50.0,) * 2)
            self.assertEqual((feb.cost_to_date, feb.cost_month), ((i % 7 + 1) * 50.0 + 50.0, 50.0))
        # a second run has nothing left to close
        closed_at = (january | february).mapped("date_closed")
        again = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Period.with_context(ir_cron_progress_id=again.id)._cron_close_periods(batch_size=4)
        self.assertEqual((again.done, again.remaining), (0, 0))
        self.assertEqual((january | february).mapped("date_closed"), closed_at)
        self.assertEqual(set(march.mapped("state")), {"open"})
