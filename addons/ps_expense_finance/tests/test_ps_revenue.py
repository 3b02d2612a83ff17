from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ps_contract.tests.test_ps_contract_money import PsMoneyCase


@tagged("post_install", "-at_install")
class TestPsRevenueRecognition(PsMoneyCase):
    """Revenue recognition of a fixed-price contract, percent of completion,
    step by step against figures worked out by hand and against Accounting.

    The contract: 30 days x 1,000.00, no tax = 30,000.00 untaxed, paid in three
    milestones (9,000 / 12,000 / 9,000). Its project has two tasks, Fieldwork
    (60 h) and Report (40 h): progress = (60 x Fieldwork % + 40 x Report %) / 100.
    Cost: a consultant at 50.00 an hour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = cls.env["hr.employee"].create(
            {"name": "Revenue consultant", "hourly_cost": 50.0}
        )
        cls.month = cls.today.replace(day=1)

    def setUp(self):
        super().setUp()
        self.contract = self._money_contract()
        self.project = self.contract.sudo().project_id
        self.project.allow_timesheets = True
        Task = self.env["project.task"]
        self.fieldwork = Task.create(
            {"name": "Fieldwork", "project_id": self.project.id, "allocated_hours": 60.0}
        )
        self.report = Task.create(
            {"name": "Report", "project_id": self.project.id, "allocated_hours": 40.0}
        )

    def _pnl(self):
        self.env.flush_all()
        pnl = self.env["ps.project.pnl"].browse(self.project.id)
        pnl.invalidate_recordset()
        return pnl

    def _assert_revenue(self, record, **expected):
        for name, value in expected.items():
            self.assertAlmostEqual(record[name], value, places=2, msg=name)

    def _invoiced_in_accounting(self):
        """Posted customer invoices net of credit notes, untaxed, in the
        company's currency, as Accounting has them."""
        moves = self.contract.sudo().invoice_request_ids.move_id.filtered(
            lambda m: m.state == "posted"
        )
        return sum(moves.mapped("amount_untaxed_signed"))

    def _close(self, month):
        period = self.env["ps.project.period"].create(
            {"project_id": self.project.id, "date_start": month}
        )
        period.with_user(self.finance).action_close()
        return period

    def test_recognised_invoiced_wip_deferred_step_by_step(self):
        """Recognised, invoiced, WIP, deferred revenue and both margins at each
        step, to the cent; invoiced equals Accounting's invoices."""
        # Nothing done, nothing invoiced.
        self._assert_revenue(
            self._pnl(),
            recognised_pct=0.0,
            recognised_revenue=0.0,
            revenue_actual=0.0,
            wip=0.0,
            deferred_revenue=0.0,
            margin_recognised=0.0,
        )

        # Fieldwork half done: progress = 60 x 50 % / 100 = 30 %;
        # recognised = 30 % x 30,000 = 9,000.00; nothing invoiced: WIP 9,000.00.
        # 80 h at 50.00 = 4,000.00 cost: margin on recognised = 5,000.00 (55.56 %),
        # on invoiced = -4,000.00.
        self.fieldwork.ps_progress_manual = 50.0
        self.env["account.analytic.line"].create(
            {
                "name": "Fieldwork",
                "project_id": self.project.id,
                "task_id": self.fieldwork.id,
                "employee_id": self.consultant.id,
                "unit_amount": 80.0,
            }
        )
        self._assert_revenue(
            self._pnl(),
            progress=30.0,
            recognised_pct=30.0,
            recognised_revenue=9000.0,
            revenue_actual=0.0,
            actual_cost=4000.0,
            wip=9000.0,
            deferred_revenue=0.0,
            margin_recognised=5000.0,
            margin_recognised_pct=5000.0 / 9000.0 * 100,
            margin=-4000.0,
        )

        # The first two milestones invoiced: 9,000 + 12,000 = 21,000.00 billed
        # ahead of the work: deferred revenue 12,000.00, no WIP.
        first, second, _third = self.contract.milestone_ids
        self._issue(self.contract, first)
        self._issue(self.contract, second)
        self.assertAlmostEqual(self._invoiced_in_accounting(), 21000.0, places=2)
        pnl = self._pnl()
        self._assert_revenue(
            pnl,
            recognised_revenue=9000.0,
            revenue_actual=21000.0,
            wip=0.0,
            deferred_revenue=12000.0,
            margin_recognised=5000.0,
            margin=17000.0,
        )
        self.assertAlmostEqual(pnl.revenue_actual, self._invoiced_in_accounting(), places=2)

        # Fieldwork done, Report 25 %: progress = (60 + 10) / 100 = 70 %;
        # recognised = 21,000.00 = invoiced: neither WIP nor deferred.
        self.fieldwork.ps_progress_manual = 100.0
        self.report.ps_progress_manual = 25.0
        self._assert_revenue(
            self._pnl(),
            recognised_pct=70.0,
            recognised_revenue=21000.0,
            wip=0.0,
            deferred_revenue=0.0,
            margin_recognised=17000.0,
        )

        # The second invoice credited in full: invoiced 9,000.00 in Accounting,
        # WIP 12,000.00.
        second_request = self.contract.sudo().invoice_request_ids.filtered(
            lambda r: r.milestone_id == second
        )
        second_request.with_user(self.finance).action_reverse()
        self.assertAlmostEqual(self._invoiced_in_accounting(), 9000.0, places=2)
        pnl = self._pnl()
        self._assert_revenue(
            pnl, recognised_revenue=21000.0, revenue_actual=9000.0, wip=12000.0,
            deferred_revenue=0.0,
        )  # fmt: skip
        self.assertAlmostEqual(pnl.revenue_actual, self._invoiced_in_accounting(), places=2)

        # Closure approved (the closure flow itself is ps_project_wbs's test):
        # the whole contract is earned, 30,000.00, whatever the tasks say.
        self.env.cr.execute(
            "UPDATE project_project SET ps_phase = 'closing' WHERE id = %s", [self.project.id]
        )
        self.project.invalidate_recordset(["ps_phase"])
        self._assert_revenue(
            self._pnl(), progress=70.0, recognised_pct=100.0, recognised_revenue=30000.0,
            wip=21000.0,
        )  # fmt: skip
        self.assertEqual(self.project._ps_recognised_to_date(), {self.project.id: 30000.0})
        self.env.cr.execute(
            "UPDATE project_project SET ps_phase = 'execution' WHERE id = %s", [self.project.id]
        )
        self.project.invalidate_recordset(["ps_phase"])

        # All done: 100 % recognised = 30,000.00 (untaxed contract value).
        self.report.ps_progress_manual = 100.0
        self._assert_revenue(
            self._pnl(),
            recognised_pct=100.0,
            recognised_revenue=30000.0,
            wip=21000.0,
            margin_recognised=26000.0,
        )

    def test_closed_month_keeps_its_recognised_revenue(self):
        """The monthly close stores recognised revenue to date and of the
        month, WIP and deferred at the month's end; progress changed after the
        close leaves the snapshot as it was (the P&L moves)."""
        previous_month = self.month - relativedelta(months=1)
        # Last month closed at 30 %: 9,000.00 recognised, nothing invoiced yet.
        self.fieldwork.ps_progress_manual = 50.0
        last = self._close(previous_month)
        self._assert_revenue(
            last, recognised_to_date=9000.0, recognised_month=9000.0, wip=9000.0,
            deferred_revenue=0.0,
        )  # fmt: skip
        # This month: 21,000 invoiced today, progress 40 % (12,000.00):
        # 3,000.00 recognised in the month, 9,000.00 deferred at its end.
        first, second, _third = self.contract.milestone_ids
        self._issue(self.contract, first)
        self._issue(self.contract, second)
        self.report.ps_progress_manual = 25.0  # 30 + 10 = 40 %
        this = self._close(self.month)
        expected = {
            "recognised_to_date": 12000.0,
            "recognised_month": 3000.0,
            "revenue_to_date": 21000.0,
            "wip": 0.0,
            "deferred_revenue": 9000.0,
        }
        self._assert_revenue(this, **expected)
        self.assertAlmostEqual(this.revenue_to_date, self._invoiced_in_accounting(), places=2)

        # Work goes on after the close: the P&L follows, the snapshots do not.
        self.fieldwork.ps_progress_manual = 100.0
        self.report.ps_progress_manual = 100.0
        self._assert_revenue(self._pnl(), recognised_revenue=30000.0, wip=9000.0)
        self.env.invalidate_all()
        self._assert_revenue(this, **expected)
        self._assert_revenue(last, recognised_to_date=9000.0, recognised_month=9000.0, wip=9000.0)

    def test_contract_in_another_currency_is_converted(self):
        """A contract in another currency than the company's recognises its
        untaxed value converted at Accounting's rate of its signature date; a
        later rate does not move it."""
        other = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search(
                [("id", "!=", self.currency.id), ("name", "in", ("EUR", "USD", "CNY"))], limit=1
            )
        )
        other.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", other.id)]).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": other.id,
                "name": self.today - relativedelta(days=3),
                "rate": 2.0,
                "company_id": self.env.company.id,
            }
        )
        contract = self._contract(quantity=8, milestones=((100, self.today),))
        contract.currency_id = other
        contract.action_submit_review()
        self._director_approves(contract)
        contract.action_sign()
        contract.with_user(self.salesman).action_create_project()
        project = contract.sudo().project_id
        self.env["project.task"].create(
            {"name": "All", "project_id": project.id, "ps_progress_manual": 50.0}
        )
        self.env.flush_all()
        pnl = self.env["ps.project.pnl"].browse(project.id)
        # 8,000.00 at 2 units per company unit = 4,000.00; 50 % = 2,000.00
        self.assertAlmostEqual(contract.ps_amount_untaxed_company, 4000.0, places=2)
        self.assertAlmostEqual(pnl.recognised_revenue, 2000.0, places=2)
        self.env["res.currency.rate"].search([("currency_id", "=", other.id)]).rate = 4.0
        self.env.flush_all()
        pnl.invalidate_recordset()
        self.assertAlmostEqual(pnl.recognised_revenue, 2000.0, places=2)
        self.assertAlmostEqual(project._ps_recognised_to_date()[project.id], 2000.0, places=2)

    def test_company_amount_cannot_be_typed_in(self):
        """The company-currency value revenue recognition sums is computed: a
        salesperson writing it on a draft contract (as an RPC client could) is
        refused and the value stays the contract's."""
        contract = self._contract(quantity=5)
        self.assertAlmostEqual(contract.ps_amount_untaxed_company, 5000.0, places=2)
        with self.assertRaisesRegex(UserError, "converted from the contract's amount"):
            contract.with_user(self.salesman).write({"ps_amount_untaxed_company": 999999.0})
        contract.invalidate_recordset()
        self.assertAlmostEqual(contract.ps_amount_untaxed_company, 5000.0, places=2)
