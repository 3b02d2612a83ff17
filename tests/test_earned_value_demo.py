"""Progress on the demo database: work done, not hours burnt (issue 17)."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestEarnedValueDemo(TransactionCase):
    def test_demo_progress(self):
        """The closed Wood Corner project (every task done) is 100 % complete
        although it spent 95 % of its hours; Azure Interior, 130 % of its hours
        burnt, is not past 100 %; the cockpit's portfolio shows the same."""
        wood = self.env.ref("ps_project_wbs.ps_project_wood_academy_demo")
        azure = self.env.ref("ps_project_wbs.ps_project_azure_cost_demo")
        self.assertEqual(wood.ps_progress, 100.0)
        self.assertLess(wood.ps_hours_burn, 100.0)
        self.assertLessEqual(azure.ps_progress, 100.0)
        self.assertGreater(azure.ps_hours_burn, 100.0)
        self.env.flush_all()
        rows = self.env["ps.portfolio.report"].search([("project_id", "in", (wood | azure).ids)])
        self.assertEqual(
            {row.project_id: row.progress for row in rows},
            {wood: 100.0, azure: azure.ps_progress},
        )
        pnl = self.env["ps.project.pnl"].browse(azure.id)
        self.assertLessEqual(pnl.progress, 100.0)
        self.assertAlmostEqual(pnl.earned_value, pnl.budget_cost * azure.ps_progress / 100, 2)
