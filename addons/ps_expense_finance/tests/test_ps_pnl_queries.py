from odoo.tests import tagged
from odoo.tools import SQL

from .common import PsFinanceCommon, analytic_lines_read


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


@tagged("post_install", "-at_install")
class TestPsPnlScale(PsFinanceCommon):
    """The P&L's cost follows the rows asked for, not the firm's history:
    PostgreSQL's own count of the analytic lines a query reads (EXPLAIN
    ANALYZE) is the lines of the projects shown, whatever else the firm has.
    bench/bench_pnl.py measures the same at 10,000 projects."""

    LINES = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        Project = cls.env["project.project"]
        cls.pm_projects = cls.project | Project.create(
            [{"name": f"PM {i}", "user_id": cls.pm.id, "company_id": company.id} for i in range(3)]
        )
        cls.others = cls.other_project | Project.create(
            [
                {"name": f"Other {i}", "user_id": cls.other_pm.id, "company_id": company.id}
                for i in range(25)
            ]
        )
        for project in cls.pm_projects | cls.others:
            cls._budget(project, {cls.travel: 1000.0})
        cls.env["account.analytic.line"].create(
            [
                {
                    "name": "Work",
                    "project_id": project.id,
                    "employee_id": cls.employee.id,
                    "unit_amount": 1.0 + i,
                }
                for project in cls.pm_projects | cls.others
                for i in range(cls.LINES)
            ]
        )

    def _lines_read(self, query):
        self.env.flush_all()
        return analytic_lines_read(self.env.cr, query)

    def _page_query(self, user, domain=(), limit=80):
        """The list's query as the ORM runs it for ``user`` (record rules,
        default order, limit): every column of the P&L."""
        Pnl = self.env["ps.project.pnl"].with_user(user)
        query = Pnl._search(list(domain), order=Pnl._order, limit=limit)
        columns = [
            SQL.identifier(Pnl._table, name)
            for name, field in Pnl._fields.items()
            if field.store and field.column_type
        ]
        return query.select(*columns)

    def test_manager_page_reads_own_projects_lines(self):
        """A project manager's P&L list reads the analytic lines of the projects
        they manage only (the record rule filters before the sums), and the
        rows are theirs."""
        query = self._page_query(self.pm)
        self.env.cr.execute(query)
        rows = self.env.cr.dictfetchall()
        self.assertEqual({row["project_id"] for row in rows}, set(self.pm_projects.ids))
        self.assertEqual(self._lines_read(query), self.LINES * len(self.pm_projects))

    def test_page_by_ids_reads_those_projects_lines(self):
        """Reading P&L rows by id (the ORM's read of a page) reads the analytic
        lines of those projects only, and their figures."""
        page = self.others[:2]
        query = self._page_query(self.finance, [("id", "in", page.ids)])
        self.assertEqual(self._lines_read(query), self.LINES * len(page))
        self.env.cr.execute(query)
        cost = {row["project_id"]: row["actual_cost"] for row in self.env.cr.dictfetchall()}
        self.assertEqual(cost, dict.fromkeys(page.ids, 300.0))  # (1 + 2 + 3) hours x 50

    def test_finance_list_reads_each_line_once(self):
        """Finance's first page sorts every project by budget used, so it reads
        every line, but each once: no project's sums are computed twice."""
        query = self._page_query(self.finance)
        self.env.cr.execute(SQL("SELECT COUNT(*) FROM account_analytic_line"))
        total = self.env.cr.fetchone()[0]
        self.assertLessEqual(self._lines_read(query), total)
