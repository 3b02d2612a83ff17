from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsPnlQueries(PsFinanceCommon):
    SPEC = {
        "project_id": {"fields": {"display_name": {}}},
        "user_id": {"fields": {"display_name": {}}},
        "currency_id": {"fields": {}},
        "budget_cost": {},
        "actual_cost": {},
        "committed_cost": {},
        "remaining": {},
        "consumed_pct": {},
        "margin": {},
        "eac": {},
        "cpi": {},
        "budget_status": {},
    }

    def _count(self, projects):
        Pnl = self.env["ps.project.pnl"].with_user(self.finance)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = Pnl.web_search_read([("project_id", "in", projects.ids)], self.SPEC)
        count = self.env.cr.sql_log_count - before
        self.assertEqual(result["length"], len(projects))
        return count

    def test_pnl_list_bounded_queries(self):
        """The P&L list of all projects costs the same number of queries for 10 and
        for 200 projects."""
        projects = self.env["project.project"].create(
            [
                {
                    "name": f"Bulk {i}",
                    "user_id": self.pm.id,
                    "allow_timesheets": True,
                    "company_id": self.company_data["company"].id,
                }
                for i in range(200)
            ]
        )
        for project in projects[:10] | projects[150:160]:
            self._budget(project, {self.travel: 100.0})
            self._timesheet(1, project=project)
        self._count(projects[:1])  # warm the caches (access rights, rules, fields)
        small = self._count(projects[:10])
        large = self._count(projects)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 10)
