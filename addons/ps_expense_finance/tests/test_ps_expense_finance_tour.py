from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPsExpenseFinanceTour(HttpCase):
    def test_cost_category_tour(self):
        """Finance adds a cost category from Project Finance > Configuration."""
        self.start_tour("/odoo", "ps_expense_finance_cost_category_tour", login="admin")
        category = self.env["ps.cost.category"].search([("code", "=", "TOUR")])
        self.assertEqual(category.name, "Tour category")
