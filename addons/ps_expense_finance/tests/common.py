import json

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def analytic_lines_read(cr, query):
    """Analytic lines PostgreSQL reads to run ``query`` (all its scans, as
    EXPLAIN ANALYZE counts them): what a report's cost follows."""
    cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", query))
    plan = cr.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)

    def walk(node):
        own = 0
        if node.get("Relation Name") == "account_analytic_line":
            own = node["Actual Rows"] * node["Actual Loops"]
        return own + sum(walk(child) for child in node.get("Plans", []))

    return walk(plan[0]["Plan"])


class PsFinanceCommon(AccountTestInvoicingCommon):
    """A company with a chart of accounts, the roles of the suite, two projects
    and helpers to book timesheets, expenses and bills on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        company = cls.company_data["company"]
        ids = [Command.set(company.ids)]

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=ids,
                email=f"{login}@example.com",
            )

        cls.pm = user("ps_fin_pm", "base.group_user,project.group_project_user")
        cls.other_pm = user("ps_fin_pm2", "base.group_user,project.group_project_user")
        cls.member = user("ps_fin_member", "base.group_user,project.group_project_user")
        cls.pmo = user("ps_fin_pmo", "base.group_user,project.group_project_manager")
        cls.finance = user(
            "ps_fin_finance",
            "base.group_user,ps_contract.group_ps_finance,account.group_account_user",
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Claimant",
                "user_id": cls.member.id,
                "work_contact_id": cls.member.partner_id.id,
                "work_email": "ps_fin_member@example.com",
                "hourly_cost": 50.0,
                "company_id": company.id,
            }
        )
        cls.labour = cls.env.ref("ps_expense_finance.ps_cost_category_labour")
        cls.travel = cls.env.ref("ps_expense_finance.ps_cost_category_travel")
        cls.outsourcing = cls.env.ref("ps_expense_finance.ps_cost_category_outsourcing")
        cls.unclassified = cls.env.ref("ps_expense_finance.ps_cost_category_unclassified")
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.product_travel = cls.env["product.product"].create(
            {
                "name": "Project travel",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "supplier_taxes_id": [Command.clear()],
                "taxes_id": [Command.clear()],
                "property_account_expense_id": cls.expense_account.id,
                "ps_cost_category_id": cls.travel.id,
            }
        )
        cls.project = cls.env["project.project"].create(
            {
                "name": "Finance project A",
                "user_id": cls.pm.id,
                "allow_timesheets": True,
                "company_id": company.id,
            }
        )
        cls.project.message_subscribe(partner_ids=cls.member.partner_id.ids)
        cls.other_project = cls.env["project.project"].create(
            {
                "name": "Finance project B",
                "user_id": cls.other_pm.id,
                "allow_timesheets": True,
                "company_id": company.id,
            }
        )
        cls.supplier = cls.env["res.partner"].create({"name": "Field work supplier"})

    # -- helpers --------------------------------------------------------------
    @classmethod
    def _budget(cls, project, amounts):
        budget = cls.env["ps.project.budget"].create(
            {
                "project_id": project.id,
                "line_ids": [
                    Command.create({"category_id": category.id, "amount": amount})
                    for category, amount in amounts.items()
                ],
            }
        )
        budget.sudo()._ps_approve()
        return budget

    def _expense(self, amount, project=None, category=None, payment_mode="own_account"):
        """A submitted expense report with one project expense."""
        expense = self.env["hr.expense"].create(
            {
                "name": "Taxi to the customer",
                "employee_id": self.employee.id,
                "product_id": self.product_travel.id,
                "total_amount_currency": amount,
                "tax_ids": [Command.clear()],
                "ps_project_id": (project or self.project).id,
                "ps_cost_category_id": (category or self.travel).id,
                "payment_mode": payment_mode,
            }
        )
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "Claim",
                "employee_id": self.employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )
        sheet.action_submit_sheet()
        return expense, sheet

    def _approve_and_post(self, sheet):
        sheet = sheet.with_user(self.finance)
        sheet.action_approve_expense_sheets()
        sheet.action_sheet_move_post()
        self.assertIn(sheet.state, ("post", "done"))

    def _timesheet(self, hours, project=None):
        return self.env["account.analytic.line"].create(
            {
                "name": "Work",
                "project_id": (project or self.project).id,
                "employee_id": self.employee.id,
                "unit_amount": hours,
            }
        )

    def _bill(self, amount, project=None, post=True, category=None, date="2026-01-15"):
        line = {
            "name": "Field work",
            "quantity": 1,
            "price_unit": amount,
            "account_id": self.expense_account.id,
            "tax_ids": [Command.clear()],
            "analytic_distribution": {str((project or self.project).account_id.id): 100},
        }
        if category:
            line["ps_cost_category_id"] = category.id
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.supplier.id,
                "invoice_date": date,
                "invoice_line_ids": [Command.create(line)],
            }
        )
        if post:
            bill.action_post()
        return bill

    def _ledger(self, project=None, **filters):
        """{(status, category): amount} of the project's cost ledger."""
        domain = [("project_id", "=", (project or self.project).id), ("kind", "=", "cost")]
        domain += [(k, "=", v) for k, v in filters.items()]
        self.env.flush_all()
        return {
            (status, category): amount
            for status, category, amount in self.env["ps.project.cost.ledger"]._read_group(
                domain, ["status", "category_id"], ["amount:sum"]
            )
        }

    def _pnl(self, project=None):
        self.env.flush_all()
        pnl = self.env["ps.project.pnl"].browse((project or self.project).id)
        pnl.invalidate_recordset()
        return pnl
