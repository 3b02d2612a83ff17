from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PsDashboardCase


@tagged("post_install", "-at_install")
class TestPsRoleDashboards(PsDashboardCase):
    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return {
            xmlid
            for xmlid in (
                "ps_cockpit_menu",
                "ps_approval_item_menu",
                "ps_portfolio_report_menu",
                "ps_sales_dashboard_menu",
                "ps_pmo_dashboard_menu",
                "ps_finance_dashboard_menu",
                "ps_pm_dashboard_menu",
            )
            if self.env.ref(f"ps_dashboard.{xmlid}").id in menus
        }

    def test_each_role_gets_its_dashboard_and_not_the_others(self):
        """The executive sees the cockpit and the sales and PMO dashboards; a
        project manager their own; finance theirs; a salesperson only the inbox."""
        self.assertLessEqual(
            {
                "ps_cockpit_menu",
                "ps_portfolio_report_menu",
                "ps_sales_dashboard_menu",
                "ps_pmo_dashboard_menu",
                "ps_approval_item_menu",
            },
            self._menus(self.ceo),
        )
        self.assertNotIn("ps_finance_dashboard_menu", self._menus(self.ceo))
        pm = self._menus(self.pm)
        self.assertIn("ps_pm_dashboard_menu", pm)
        self.assertIn("ps_cockpit_menu", pm)
        for menu in (
            "ps_finance_dashboard_menu",
            "ps_pmo_dashboard_menu",
            "ps_sales_dashboard_menu",
        ):
            self.assertNotIn(menu, pm)
        finance = self._menus(self.finance)
        self.assertIn("ps_finance_dashboard_menu", finance)
        self.assertNotIn("ps_cockpit_menu", finance)
        self.assertEqual(self._menus(self.salesman), {"ps_approval_item_menu"})

    def test_portfolio_per_role(self):
        """Finance and executives read the whole portfolio, a project manager
        their projects, a salesperson nothing."""
        mine = self._project("Role mine")
        theirs = self._project("Role theirs", user=self.other_pm)
        Portfolio = self.env["ps.portfolio.report"]
        for user in (self.ceo, self.finance):
            rows = Portfolio.with_user(user).search([("project_id", "in", (mine | theirs).ids)])
            self.assertEqual(rows.project_id, mine | theirs)
        rows = Portfolio.with_user(self.pm).search([("project_id", "in", (mine | theirs).ids)])
        self.assertEqual(rows.project_id, mine)
        with self.assertRaises(AccessError):
            Portfolio.with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.salesman)._render_xlsx(
                "ps_dashboard.portfolio_xlsx", [], None
            )
