from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsEarnedValue(PsFinanceCommon):
    """Earned value the standard way, on a project with a known baseline and
    known actuals: every figure is checked against numbers worked out by hand.

    The project (BAC = approved cost budget = 12,000.00), its three tasks and
    their baseline (frozen as the plan approval does):

    ========== ======= =========================== ====== =============
    task        hours   baseline                    weight  task budget
    ========== ======= =========================== ====== =============
    Interviews   40     2025-01-01 .. 2025-01-31     0.4     4,800.00
                        (31 days)
    Analysis     40     2025-02-01 .. 2025-02-28     0.4     4,800.00
                        (28 days)
    Report       20     2025-02-19 .. 2025-03-30     0.2     2,400.00
                        (10 days in February, 30 in March: 40 days)
    ========== ======= =========================== ====== =============

    Actuals: timesheets of a consultant costing 50.00 an hour: 60 h on
    Interviews on 2025-01-20 (3,000.00), 80 h on Analysis on 2025-02-10
    (4,000.00), 70 h on Report on 2025-03-15 (3,500.00).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._budget(cls.project, {cls.labour: 12000.0})
        Task = cls.env["project.task"]

        def task(name, hours, start, deadline):
            return Task.create(
                {
                    "name": name,
                    "project_id": cls.project.id,
                    "allocated_hours": hours,
                    "ps_date_start": datetime.fromisoformat(f"{start} 08:00:00"),
                    "date_deadline": datetime.fromisoformat(f"{deadline} 17:00:00"),
                }
            )

        cls.interviews = task("Interviews", 40.0, "2025-01-01", "2025-01-31")
        cls.analysis = task("Analysis", 40.0, "2025-02-01", "2025-02-28")
        cls.report = task("Report", 20.0, "2025-02-19", "2025-03-30")
        tasks = cls.interviews | cls.analysis | cls.report
        cls.project._ps_freeze_baseline(tasks)
        # The report slips after the baseline: the plan (PV) does not move.
        cls.report.date_deadline = datetime(2025, 4, 30, 17, 0)
        for task_, hours, day in (
            (cls.interviews, 60.0, "2025-01-20"),
            (cls.analysis, 80.0, "2025-02-10"),
            (cls.report, 70.0, "2025-03-15"),
        ):
            cls.env["account.analytic.line"].create(
                {
                    "name": "Work",
                    "project_id": cls.project.id,
                    "task_id": task_.id,
                    "employee_id": cls.employee.id,
                    "unit_amount": hours,
                    "date": day,
                }
            )

    def _close(self, month):
        period = self.env["ps.project.period"].create(
            {"project_id": self.project.id, "date_start": month}
        )
        period.with_user(self.finance).action_close()
        return period

    def _assert_figures(self, record, expected, names):
        for name, value in zip(names, expected, strict=True):
            # amounts to the cent; the indices are shown with two decimals
            self.assertAlmostEqual(record[name], value, places=2, msg=name)

    def test_earned_value_month_by_month(self):
        """EV, PV, AC, CPI, SPI, EAC, TCPI of each closed month, to the cent,
        against the hand computation; the S-curve has them month by month."""
        names = [
            "progress", "planned_value", "earned_value", "cost_to_date",
            "cpi", "spi", "eac", "eac_alt", "etc", "vac", "tcpi",
        ]  # fmt: skip

        # January: Interviews half done (entered 50 %).
        # progress = 40 h x 50 % / 100 h = 20 %; EV = 20 % x 12,000 = 2,400.00
        # PV = Interviews fully planned (31/31 days) = 4,800.00; AC = 3,000.00
        # CPI = 2,400 / 3,000 = 0.8; SPI = 2,400 / 4,800 = 0.5
        # EAC = 12,000 / 0.8 = 15,000.00; EAC' = 3,000 + 12,000 - 2,400 = 12,600.00
        # ETC = 15,000 - 3,000 = 12,000.00; VAC = 12,000 - 15,000 = -3,000.00
        # TCPI = (12,000 - 2,400) / (12,000 - 3,000) = 9,600 / 9,000 = 1.0667 -> 1.07
        self.interviews.ps_progress_manual = 50.0
        january = self._close("2025-01-01")
        self._assert_figures(
            january,
            [20.0, 4800.00, 2400.00, 3000.00, 0.8, 0.5, 15000.00, 12600.00, 12000.00,
             -3000.00, 1.07],
            names,
        )  # fmt: skip

        # February: Interviews done, Analysis 25 %.
        # progress = (40 x 100 + 40 x 25) / 100 = 50 %; EV = 6,000.00
        # PV = 4,800 + 4,800 (28/28 days) + 2,400 x 10/40 days (Report) = 10,200.00
        # AC = 3,000 + 4,000 = 7,000.00
        # CPI = 6,000 / 7,000 = 0.857 -> 0.86; SPI = 6,000 / 10,200 = 0.588 -> 0.59
        # EAC = 12,000 x 7,000 / 6,000 = 14,000.00; EAC' = 7,000 + 6,000 = 13,000.00
        # ETC = 7,000.00; VAC = -2,000.00; TCPI = 6,000 / 5,000 = 1.2
        self.interviews.state = "1_done"
        self.analysis.ps_progress_manual = 25.0
        february = self._close("2025-02-01")
        self._assert_figures(
            february,
            [50.0, 10200.00, 6000.00, 7000.00, 0.86, 0.59, 14000.00, 13000.00,
             7000.00, -2000.00, 1.2],
            names,
        )  # fmt: skip

        # March: Interviews and Analysis done, Report 50 %.
        # progress = (40 + 40 + 20 x 50 %) / 100 = 90 %; EV = 10,800.00
        # PV = 12,000.00 (Report's 40 days all planned by 2025-03-30)
        # AC = 7,000 + 3,500 = 10,500.00
        # CPI = 10,800 / 10,500 = 1.0286 -> 1.03; SPI = 10,800 / 12,000 = 0.9
        # EAC = 12,000 x 10,500 / 10,800 = 11,666.67; EAC' = 10,500 + 1,200 = 11,700.00
        # ETC = 11,666.67 - 10,500 = 1,166.67; VAC = 12,000 - 11,666.67 = 333.33
        # TCPI = (12,000 - 10,800) / (12,000 - 10,500) = 1,200 / 1,500 = 0.8
        self.analysis.state = "1_done"
        self.report.ps_progress_manual = 50.0
        march = self._close("2025-03-01")
        self._assert_figures(
            march,
            [90.0, 12000.00, 10800.00, 10500.00, 1.03, 0.9, 11666.67, 11700.00,
             1166.67, 333.33, 0.8],
            names,
        )  # fmt: skip

        # The S-curve: the three closed months, three figures each.
        self.env.flush_all()
        curve = (
            self.env["ps.project.ev.curve"]
            .with_user(self.pm)
            .search([("project_id", "=", self.project.id)])
        )
        self.assertEqual(
            {(str(row.date), row.series): row.amount for row in curve},
            {
                ("2025-01-01", "pv"): 4800.0,
                ("2025-01-01", "ev"): 2400.0,
                ("2025-01-01", "ac"): 3000.0,
                ("2025-02-01", "pv"): 10200.0,
                ("2025-02-01", "ev"): 6000.0,
                ("2025-02-01", "ac"): 7000.0,
                ("2025-03-01", "pv"): 12000.0,
                ("2025-03-01", "ev"): 10800.0,
                ("2025-03-01", "ac"): 10500.0,
            },
        )
        action = self._pnl().with_user(self.pm).action_open_ev_curve()
        self.assertEqual(action["res_model"], "ps.project.ev.curve")

        # Today (after the whole baseline) the P&L shows the same figures as
        # March's close, its PV being the whole budget.
        pnl = self._pnl().with_user(self.pm)
        self._assert_figures(
            pnl,
            [12000.00, 90.0, 12000.00, 10800.00, 10500.00, 1.03, 0.9, 11666.67,
             11700.00, 1166.67, 333.33, 0.8],
            ["budget_cost", "progress", "planned_value", "earned_value", "actual_cost", "cpi",
             "spi", "eac_cpi", "eac_alt", "etc", "vac", "tcpi"],
        )  # fmt: skip
        # Hours burnt are their own figure: 210 h spent of 100 h planned.
        self.assertAlmostEqual(pnl.hours_burn, 210.0)
        project = self.project.with_user(self.pm)
        self._assert_figures(
            project,
            [10800.00, 12000.00, 11666.67, 0.8],
            ["ps_ev_earned_value", "ps_ev_planned_value", "ps_ev_eac", "ps_ev_tcpi"],
        )

    def test_planned_value_between_month_ends(self):
        """PV spreads each task's budget linearly over its baseline days."""
        share = self.project._ps_planned_share(date(2025, 2, 19))[self.project.id]
        # Interviews 4,800 + Analysis 4,800 x 19/28 + Report 2,400 x 1/40 = 8,117.14
        self.assertAlmostEqual(12000.0 * share, 4800.0 + 4800.0 * 19 / 28 + 60.0, places=2)
        self.assertEqual(self.project._ps_planned_share(date(2024, 12, 31)), {self.project.id: 0.0})

    def test_no_division_by_zero(self):
        """Without cost, plan or budget the ratios are 0 and nothing fails."""
        pnl = self._pnl(self.other_project)
        self.assertEqual(
            (pnl.earned_value, pnl.planned_value, pnl.cpi, pnl.spi, pnl.eac_cpi, pnl.tcpi),
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        )
        period = self._close("2025-01-01")
        empty = self.env["ps.project.period"].create(
            {"project_id": self.other_project.id, "date_start": "2025-01-01"}
        )
        empty.with_user(self.finance).action_close()
        self.assertEqual((empty.cpi, empty.spi, empty.eac, empty.tcpi), (0.0, 0.0, 0.0, 0.0))
        self.assertEqual(period.state, "closed")

    def test_consultant_cannot_read_cost_figures(self):
        """A project member who does not manage the project reads its progress
        but none of its earned-value money figures: not on the project, the
        P&L, the monthly close nor the S-curve."""
        self._close("2025-01-01")
        self.env.flush_all()
        project = self.project.with_user(self.member)
        self.assertFalse(project.ps_finance_visible)
        self.assertEqual(
            (
                project.ps_ev_budget,
                project.ps_ev_earned_value,
                project.ps_ev_planned_value,
                project.ps_ev_actual_cost,
                project.ps_ev_eac,
                project.ps_ev_cpi,
            ),
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        )
        self.assertEqual(project.ps_progress, 0.0)
        with self.assertRaises(AccessError):
            self.env["ps.project.pnl"].with_user(self.member).browse(self.project.id).read(
                ["earned_value", "planned_value", "cpi"]
            )
        period = self.env["ps.project.period"].search([("project_id", "=", self.project.id)])
        with self.assertRaises(AccessError):
            period.with_user(self.member).read(["earned_value", "planned_value"])
        Curve = self.env["ps.project.ev.curve"].with_user(self.member)
        self.assertFalse(Curve.search([("project_id", "=", self.project.id)]))
        curve = self.env["ps.project.ev.curve"].search([("project_id", "=", self.project.id)])
        self.assertTrue(curve)
        with self.assertRaises(AccessError):
            curve.with_user(self.member).read(["amount"])
        # The project's manager reads them.
        self.assertTrue(self.project.with_user(self.pm).ps_finance_visible)
