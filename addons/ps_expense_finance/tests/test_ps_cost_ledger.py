from odoo import Command
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsCostLedger(PsFinanceCommon):
    def test_submitted_expense_committed_until_posted(self):
        """A submitted but unposted expense is committed, not actual; posting it by
        finance moves it to actual."""
        _expense, sheet = self._expense(120.0)
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(self._ledger(), {("committed", self.travel): 120.0})
        pnl = self._pnl()
        self.assertEqual((pnl.committed_cost, pnl.actual_cost), (120.0, 0.0))

        sheet.with_user(self.finance).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")  # entries exist, but in draft
        self.assertEqual(self._ledger(), {("committed", self.travel): 120.0})

        sheet.with_user(self.finance).action_sheet_move_post()
        self.assertEqual(self._ledger(), {("actual", self.travel): 120.0})
        pnl = self._pnl()
        self.assertEqual((pnl.committed_cost, pnl.actual_cost), (0.0, 120.0))

    def test_draft_claim_is_committed_refused_is_not(self):
        """A claim not reported yet is committed; a refused one is neither."""
        expense = self.env["hr.expense"].create(
            {
                "name": "Hotel",
                "employee_id": self.employee.id,
                "product_id": self.product_travel.id,
                "total_amount_currency": 80.0,
                "ps_project_id": self.project.id,
            }
        )
        self.assertEqual(expense.ps_cost_category_id, self.travel, "category from the product")
        self.assertEqual(expense.analytic_distribution, {str(self.project.account_id.id): 100})
        self.assertEqual(self._ledger(), {("committed", self.travel): 80.0})
        _expense, sheet = self._expense(50.0)
        sheet._do_refuse("Not for this project")
        self.assertEqual(self._ledger(), {("committed", self.travel): 80.0})

    def test_ledger_equals_analytic_lines_and_project_account_profitability(self):
        """The ledger's actual costs are the project's analytic lines by category, and
        their total is the cost Odoo's project_account profitability reports for the
        same project (timesheets, employee- and company-paid expenses, vendor bills)."""
        self._timesheet(4)  # 4 h x 50 = 200 labour
        _e1, own_sheet = self._expense(120.0)
        self._approve_and_post(own_sheet)
        _e2, company_sheet = self._expense(30.0, payment_mode="company_account")
        self._approve_and_post(company_sheet)
        self._bill(500.0, category=self.outsourcing)
        self._bill(70.0)  # no category on line, product or account: unclassified
        self._bill(999.0, post=False)  # draft: neither actual nor in Odoo's billed costs
        self.env["account.analytic.line"].create(
            {"name": "Misc", "account_id": self.project.account_id.id, "amount": -15.0}
        )

        ledger = self._ledger(status="actual")
        self.assertEqual(
            ledger,
            {
                ("actual", self.labour): 200.0,
                ("actual", self.travel): 150.0,
                ("actual", self.outsourcing): 500.0,
                ("actual", self.unclassified): 85.0,
            },
        )
        # every cost analytic line of the project is in exactly one category
        lines = self.env["account.analytic.line"].search(
            [("account_id", "=", self.project.account_id.id)]
        )
        self.assertAlmostEqual(sum(ledger.values()), -sum(lines.mapped("amount")))
        rows = self.env["ps.project.cost.ledger"].search(
            [("project_id", "=", self.project.id), ("status", "=", "actual")]
        )
        self.assertEqual(sorted(rows.analytic_line_id.ids), sorted(lines.ids))
        self.assertTrue(all(rows.mapped("category_id")))

        # Odoo's figures: analytic lines without entry (timesheets, manual) and posted
        # expenses from _get_profitability_items, vendor bills from project_account's
        # _add_purchase_items (called by project_purchase/sale_project when installed)
        project = self.project.sudo()
        profitability = project._get_profitability_items(with_action=False)
        project._add_purchase_items(profitability, with_action=False)
        costs = profitability["costs"]["total"]
        self.assertAlmostEqual(-costs["billed"], sum(ledger.values()))
        self.assertAlmostEqual(-costs["to_bill"], 999.0)  # the draft bill: not actual
        self.assertAlmostEqual(self._pnl().actual_cost, sum(ledger.values()))

    def test_balance_sheet_analytic_lines_are_not_costs(self):
        """A company-paid expense with the project analytic on its outstanding-payment
        line too (odoo/odoo#280256) still costs its amount, not zero."""
        _expense, sheet = self._expense(40.0, payment_mode="company_account")
        self._approve_and_post(sheet)
        liquidity = sheet.account_move_ids.line_ids.filtered(
            lambda line: line.account_id.account_type.startswith("asset")
        )[:1]
        self.assertTrue(liquidity)
        # the counterpart analytic line the bug creates
        self.env["account.analytic.line"].create(
            {
                "name": "Outstanding payment",
                "account_id": self.project.account_id.id,
                "amount": 40.0,
                "general_account_id": liquidity.account_id.id,
                "move_line_id": liquidity.id,
            }
        )
        self.assertEqual(self._ledger(), {("actual", self.travel): 40.0})
        profitability = self.project.sudo()._get_profitability_items(with_action=False)
        self.assertAlmostEqual(-profitability["costs"]["total"]["billed"], 40.0)

    def test_customer_invoice_is_revenue(self):
        """A posted customer invoice on the project's analytic account is actual revenue."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.supplier.id,
                "invoice_date": "2026-01-20",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Consulting",
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": {str(self.project.account_id.id): 100},
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self._timesheet(2)
        pnl = self._pnl()
        self.assertEqual(pnl.revenue_actual, 1000.0)
        self.assertEqual(pnl.actual_cost, 100.0)
        self.assertEqual(pnl.margin, 900.0)
        self.assertEqual(pnl.margin_pct, 90.0)
