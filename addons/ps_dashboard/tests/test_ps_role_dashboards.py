from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PsDashboardCase


@tagged("post_install", "-at_install")
class TestPsRoleDashboards(PsDashboardCase):
    MENUS = (
        "ps_dashboard_menu_root",
        "ps_approval_menu_root",
        "ps_sales_dashboard_collection_menu",
        "ps_pmo_dashboard_menu",
        "ps_pm_dashboard_menu",
        "ps_finance_dashboard_menu",
    )

    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return {xmlid for xmlid in self.MENUS if self.env.ref(f"ps_dashboard.{xmlid}").id in menus}

    def test_each_role_gets_its_dashboard_and_not_the_others(self):
        """The executive has the Cockpit app and the sales and PMO dashboards;
        a project manager their own dashboard in Project; finance theirs in
        Project Finance; everyone the Approvals app; nobody else the Cockpit."""
        self.assertEqual(
            self._menus(self.ceo),
            {
                "ps_dashboard_menu_root",
                "ps_approval_menu_root",
                "ps_sales_dashboard_collection_menu",
                "ps_pmo_dashboard_menu",
                "ps_pm_dashboard_menu",
            },
        )
        self.assertEqual(self._menus(self.pm), {"ps_approval_menu_root", "ps_pm_dashboard_menu"})
        self.assertEqual(
            self._menus(self.finance), {"ps_approval_menu_root", "ps_finance_dashboard_menu"}
        )
        self.assertEqual(self._menus(self.salesman), {"ps_approval_menu_root"})
        # a project member (no Project Manager role) has no manager's dashboard
        member = new_test_user(
            self.env, login="ps_db_member", groups="base.group_user,project.group_project_user"
        )
        self.assertEqual(self._menus(member), {"ps_approval_menu_root"})

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
