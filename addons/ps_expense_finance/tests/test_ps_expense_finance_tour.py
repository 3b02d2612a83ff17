from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsExpenseFinanceTour(HttpCase):
    def test_cost_category_tour(self):
        """Finance adds a cost category from Project Finance > Configuration."""
        self.start_tour("/odoo", "ps_expense_finance_cost_category_tour", login="admin")
        category = self.env["ps.cost.category"].search([("code", "=", "TOUR")])
        self.assertEqual(category.name, "Tour category")

    def test_pnl_expense_tour(self):
        """From a project's P&L, file an expense for it and see it committed."""
        admin = self.env.ref("base.user_admin")
        admin.groups_id |= self.env.ref("project.group_project_manager")
        if not admin.employee_ids:
            self.env["hr.employee"].create({"name": admin.name, "user_id": admin.id})
        self.env["project.project"].create(
            {"name": "Tour P&L project", "user_id": admin.id, "allow_timesheets": True}
        )
        self.env["product.product"].create(
            {
                "name": "Tour travel",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "supplier_taxes_id": [Command.clear()],
                "ps_cost_category_id": self.env.ref(
                    "ps_expense_finance.ps_cost_category_travel"
                ).id,
            }
        )
        self.start_tour("/odoo", "ps_expense_finance_pnl_tour", login="admin")
        expense = self.env["hr.expense"].search([("name", "=", "Tour taxi")])
        self.assertEqual(expense.ps_project_id.name, "Tour P&L project")

    def test_finance_opens_a_pnl_tour(self):
        """The demo's finance user opens Project Finance > Project P&L and a
        project's P&L form in the browser (issue: an access error on Project)."""
        finance = self.env["res.users"].search([("login", "=", "finance")])
        self.assertTrue(finance, "the demo finance user")
        self.start_tour("/odoo", "ps_expense_finance_pnl_finance_tour", login="finance")
