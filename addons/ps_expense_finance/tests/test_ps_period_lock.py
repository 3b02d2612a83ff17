from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ps_base.internal import internal

from .common import PsFinanceCommon

LOCKED = (
    "Finance project A is closed up to 01/31/2026 \\(monthly close Finance project A 2026-01\\)"
)
FORGED = ({"ps_internal": True}, {"ps_internal": "1"}, {"ps_internal": 1})


@tagged("post_install", "-at_install")
class TestPsPeriodLock(PsFinanceCommon):
    """Closing a month locks the project up to the month's end (issue 16 item 5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._budget(cls.project, {cls.outsourcing: 5000.0})
        # the member logs her own time
        cls.member.groups_id |= cls.env.ref("hr_timesheet.group_hr_timesheet_user")
        cls.Line = cls.env["account.analytic.line"]
        # January: a timesheet (4 h x 50 = 200) and a vendor bill (300), before the close
        cls.january_sheet = cls.Line.create(
            {
                "name": "January work",
                "project_id": cls.project.id,
                "employee_id": cls.employee.id,
                "unit_amount": 4.0,
                "date": "2026-01-20",
            }
        )
        cls.february_sheet = cls.Line.create(
            {
                "name": "February work",
                "project_id": cls.project.id,
                "employee_id": cls.employee.id,
                "unit_amount": 2.0,
                "date": "2026-02-03",
            }
        )
        cls.period = cls.env["ps.project.period"].create(
            {"project_id": cls.project.id, "date_start": "2026-01-01"}
        )

    @contextmanager
    def _refused(self, pattern):
        """A UserError matching ``pattern``; what the block wrote is rolled back
        (Odoo's assertRaises runs it in a savepoint, as an RPC would)."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _close(self):
        self.period.with_user(self.finance).action_close()
        return self._snapshot()

    def _snapshot(self):
        self.env.flush_all()
        self.period.invalidate_recordset()
        self.period.line_ids.invalidate_recordset()
        return (
            self.period.state,
            self.period.cost_month,
            self.period.cost_to_date,
            self.period.committed,
            sorted(
                (line.category_id.name, line.cost_to_date, line.committed)
                for line in self.period.line_ids
            ),
        )

    def _timesheet_as(self, user, date, hours=1.0, **extra):
        return self.Line.with_user(user).create(
            {
                "name": "Work",
                "project_id": self.project.id,
                "employee_id": self.employee.id,
                "unit_amount": hours,
                "date": date,
                **extra,
            }
        )

    def _count_lines(self):
        return self.Line.search_count([("account_id", "=", self.project.account_id.id)])

    def test_member_cannot_log_time_in_a_closed_month(self):
        """A member logs time in the closed January: refused with the project and
        the period named, forged context keys included; in February it is
        booked; the January snapshot is unchanged and shows no difference."""
        self._bill(300.0, category=self.outsourcing)  # 2026-01-15
        before = self._close()
        self.assertEqual(before[:3], ("closed", 500.0, 500.0))
        count = self._count_lines()
        with self._refused(LOCKED):
            self._timesheet_as(self.member, "2026-01-31")
        for context in FORGED:
            with self._refused(LOCKED):
                self.Line.with_user(self.member).with_context(**context).create(
                    {
                        "name": "Forged",
                        "project_id": self.project.id,
                        "employee_id": self.employee.id,
                        "unit_amount": 1.0,
                        "date": "2026-01-05",
                    }
                )
        # a December day is counted in January's cost to date: locked too
        with self._refused(LOCKED):
            self._timesheet_as(self.member, "2025-12-15")
        self.assertEqual(self._count_lines(), count)
        later = self._timesheet_as(self.member, "2026-02-01", hours=3.0)
        self.assertEqual(later.amount, -150.0)
        self.assertEqual(self._snapshot(), before)
        self.assertEqual((self.period.live_cost_to_date, self.period.difference), (500.0, 0.0))

    def test_moving_or_deleting_a_line_of_a_closed_month_is_refused(self):
        """A January timesheet cannot be moved out, re-hoursed, moved to another
        project or deleted; a February one cannot be moved into January; the
        description of a January line may still be corrected."""
        before = self._close()
        january = self.january_sheet.with_user(self.member)
        february = self.february_sheet.with_user(self.member)
        for vals in (
            {"date": "2026-02-10"},
            {"unit_amount": 8.0},
            {"project_id": self.other_project.id},
        ):
            with self._refused(LOCKED):
                january.write(vals)
            for context in FORGED:
                with self._refused(LOCKED):
                    january.with_context(**context).write(vals)
        with self._refused(LOCKED):
            february.write({"date": "2026-01-30"})
        with self._refused(LOCKED):
            january.unlink()
        with self._refused(LOCKED):
            january.with_context(ps_internal=True).unlink()
        january.write({"name": "January work (interviews)"})
        self.env.flush_all()
        self.january_sheet.invalidate_recordset()
        self.february_sheet.invalidate_recordset()
        self.assertEqual(
            (self.january_sheet.date.isoformat(), self.january_sheet.unit_amount),
            ("2026-01-20", 4.0),
        )
        self.assertEqual(self.january_sheet.project_id, self.project)
        self.assertEqual(self.february_sheet.date.isoformat(), "2026-02-03")
        self.assertEqual(self._snapshot(), before)

    def test_expenses_and_payment_requests_in_a_closed_month_are_refused(self):
        """A member's expense claim and a PM's payment request dated in the
        closed January are refused; dated in February they are recorded and
        cannot then be moved into January; a claim of January filed before the
        close is neither moved out, re-priced nor deleted; the snapshot is
        unchanged."""
        Expense = self.env["hr.expense"].with_user(self.member)
        vals = {
            "name": "Taxi",
            "employee_id": self.employee.id,
            "product_id": self.product_travel.id,
            "total_amount_currency": 40.0,
            "tax_ids": [Command.clear()],
            "ps_project_id": self.project.id,
            "ps_cost_category_id": self.travel.id,
        }
        draft = Expense.create({**vals, "date": "2026-01-12"})  # claimed before the close
        before = self._close()
        self.assertEqual(before[3], 40.0)  # committed
        with self._refused(LOCKED):
            draft.write({"date": "2026-02-12"})
        with self._refused(LOCKED):
            draft.write({"total_amount_currency": 400.0})
        with self._refused(LOCKED):
            draft.unlink()
        with self._refused(LOCKED):
            Expense.create({**vals, "date": "2026-01-12"})
        with self._refused(LOCKED):
            Expense.with_context(ps_internal=True).create({**vals, "date": "2026-01-12"})
        expense = Expense.create({**vals, "date": "2026-02-12"})
        with self._refused(LOCKED):
            expense.write({"date": "2026-01-12"})
        Request = self.env["ps.payment.request"].with_user(self.pm)
        request_vals = {
            "project_id": self.project.id,
            "partner_id": self.supplier.id,
            "category_id": self.outsourcing.id,
            "amount": 800.0,
            "description": "Survey panel",
        }
        with self._refused(LOCKED):
            Request.create({**request_vals, "date": "2026-01-28"})
        request = Request.create({**request_vals, "date": "2026-02-02"})
        with self._refused(LOCKED):
            request.with_context(ps_internal=True).write({"date": "2026-01-28"})
        self.assertEqual(
            self.env["hr.expense"].search([("ps_project_id", "=", self.project.id)]),
            draft | expense,
        )
        self.assertEqual(
            (draft.date.isoformat(), draft.total_amount_currency), ("2026-01-12", 40.0)
        )
        self.assertEqual(
            self.env["ps.payment.request"].search([("project_id", "=", self.project.id)]),
            request,
        )
        self.assertEqual((expense.date.isoformat(), request.date.isoformat()),
                         ("2026-02-12", "2026-02-02"))  # fmt: skip
        self.assertEqual(self._snapshot(), before)

    def test_finance_cannot_post_a_cost_into_a_closed_month(self):
        """Finance posts a vendor bill with the project's analytic distribution
        dated in the closed January: refused, naming the project and the period,
        the bill stays a draft; the same bill dated in February posts. A January
        bill posted before the close cannot be reset to draft (its analytic
        lines would go); the snapshot never moves."""
        posted = self._bill(300.0, category=self.outsourcing)  # 2026-01-15
        before = self._close()
        bill = self._bill(120.0, category=self.outsourcing, post=False).with_user(self.finance)
        with self._refused(LOCKED):
            bill.action_post()
        with self._refused(LOCKED):
            bill.with_context(ps_internal=True).action_post()
        self.assertEqual(bill.state, "draft")
        self.assertFalse(bill.line_ids.analytic_line_ids)
        # the bill of another project (not closed) posts on the same day
        other = self._bill(50.0, project=self.other_project, post=False).with_user(self.finance)
        other.action_post()
        self.assertEqual(other.state, "posted")
        with self._refused(LOCKED):
            posted.with_user(self.finance).button_draft()
        self.assertEqual(posted.state, "posted")
        bill.write({"invoice_date": "2026-02-01", "date": "2026-02-01"})
        bill.action_post()
        self.assertEqual(bill.state, "posted")
        self.assertEqual(self._snapshot(), before)
        self.assertEqual((self.period.live_cost_to_date, self.period.difference), (500.0, 0.0))

    def test_superuser_is_locked_too_internal_flows_pass(self):
        """As Accounting's lock date, the close holds for superuser code (a cron
        posting into January would change the snapshot all the same); only the
        suite's own flows (the unforgeable internal marker) pass."""
        self._close()
        with self._refused(LOCKED):
            self.Line.sudo().create(
                {
                    "name": "Cron",
                    "project_id": self.project.id,
                    "employee_id": self.employee.id,
                    "unit_amount": 1.0,
                    "date": "2026-01-10",
                }
            )
        line = internal(self.Line).create(
            {
                "name": "Suite",
                "project_id": self.project.id,
                "employee_id": self.employee.id,
                "unit_amount": 1.0,
                "date": "2026-01-10",
            }
        )
        self.assertEqual(line.date.isoformat(), "2026-01-10")

    def test_reopen_with_reason_then_close_again(self):
        """Only finance reopens a closed month and must say why (in the
        chatter); the month is then open for bookings; closing it again takes a
        new snapshot. A month is not reopened while a later month is closed."""
        before = self._close()
        self.assertEqual(before[:3], ("closed", 200.0, 200.0))
        february = self.env["ps.project.period"].create(
            {"project_id": self.project.id, "date_start": "2026-02-01"}
        )
        february.with_user(self.finance).action_close()
        for user in (self.member, self.pm, self.pmo):
            with self.assertRaises(UserError):
                self.period.with_user(user)._ps_reopen("Wrong hours")
            with self.assertRaises(UserError):
                self.period.with_user(user).action_open_reopen_wizard()
            with self.assertRaises(AccessError):
                self.env["ps.project.period.reopen"].with_user(user).create(
                    {"period_ids": [Command.set(self.period.ids)], "reason": "Wrong hours"}
                )
        Wizard = self.env["ps.project.period.reopen"].with_user(self.finance)
        with self._refused("Finance project A 2026-02 is closed: reopen it"):
            Wizard.create(
                {"period_ids": [Command.set(self.period.ids)], "reason": "Wrong hours"}
            ).action_reopen()
        with self._refused("Say why"):
            Wizard.create(
                {"period_ids": [Command.set((self.period | february).ids)], "reason": "  "}
            ).action_reopen()
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(february.state, "closed")

        action = self.period.with_user(self.finance).action_open_reopen_wizard()
        wizard = Wizard.with_context(**action["context"]).create(
            {"reason": "Hours of 20 January were missing"}
        )
        self.assertEqual(wizard.period_ids, self.period)
        wizard.period_ids |= february
        wizard.action_reopen()
        self.assertEqual((self.period.state, february.state), ("open", "open"))
        self.assertFalse(self.period.line_ids)
        self.assertEqual((self.period.cost_to_date, self.period.closed_by_id.id), (0.0, False))
        messages = self.period.message_ids.filtered(
            lambda m: "Hours of 20 January were missing" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.author_id, self.finance.partner_id)
        # January takes bookings again; closing it again snapshots them
        self._timesheet_as(self.member, "2026-01-21", hours=2.0)
        again = self._close()
        self.assertEqual(again[:3], ("closed", 300.0, 300.0))
        self.assertEqual(again[4], [("Labour", 300.0, 0.0), ("Outsourcing", 0.0, 0.0)])
