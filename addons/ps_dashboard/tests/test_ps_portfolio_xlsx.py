from io import BytesIO

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PsDashboardCase

REPORT = "ps_dashboard.portfolio_xlsx"


@tagged("post_install", "-at_install")
class TestPsPortfolioXlsx(PsDashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._project("Xlsx mine", ps_phase="execution")
        cls.theirs = cls._project("Xlsx theirs", user=cls.other_pm)
        cls._collection(cls._signed_contract(cls.mine, days=7), 3000.0)
        cls._signed_contract(cls.theirs, days=20)

    def _workbook(self, user, report=REPORT):
        Report = self.env["ir.actions.report"].with_user(user)
        content, kind = Report._render_xlsx(report, [], None)
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(BytesIO(content), data_only=True).active

    def _table(self, sheet):
        rows = list(sheet.iter_rows(values_only=True))
        header, lines, total = rows[0], rows[1:-1], rows[-1]
        return (
            header,
            [dict(zip(header, line, strict=True)) for line in lines],
            dict(zip(header, total, strict=True)),
        )

    def test_portfolio_opens_and_totals_match_the_database(self):
        """The executive's portfolio opens with openpyxl: frozen header, one
        row per project, and totals equal to the database's sums."""
        sheet = self._workbook(self.ceo)
        self.assertEqual(sheet.freeze_panes, "B2")
        _header, lines, total = self._table(sheet)
        projects = self.env["project.project"].with_user(self.ceo).search([])
        self.assertEqual(len(lines), len(projects))
        self.assertEqual(total["Project"], "Total")
        self.assertIn("Xlsx mine", {line["Project"] for line in lines})
        contracts = self.env["ps.contract"].search(
            [("state", "in", ["signed", "execution", "closed"]), ("project_id", "in", projects.ids)]
        )
        self.assertAlmostEqual(total["Contract Value"], sum(contracts.mapped("amount_total")), 2)
        self.assertAlmostEqual(total["Collected"], sum(contracts.mapped("amount_collected")), 2)
        pnl = self.env["ps.project.pnl"].search([("project_id", "in", projects.ids)])
        for column, field in (
            ("Budget", "budget_cost"),
            ("Actual Cost", "actual_cost"),
            ("Committed Cost", "committed_cost"),
            ("Margin", "margin"),
            ("Invoiced", "invoiced"),
        ):
            self.assertAlmostEqual(total[column], sum(pnl.mapped(field)), 2, column)
        for column in ("Budget", "Margin", "Contract Value"):
            self.assertAlmostEqual(total[column], sum(line[column] for line in lines), 2)
        self.assertIn("#,##0", sheet.cell(row=2, column=7).number_format)

    def test_user_text_is_written_as_text_not_formula(self):
        """A project named like a spreadsheet formula is exported as that text:
        no live formula, no link in the CEO's workbook."""
        name = '=HYPERLINK("https://evil.example","Open")'
        self._project(name)
        Report = self.env["ir.actions.report"].with_user(self.ceo)
        content, _kind = Report._render_xlsx(REPORT, [], None)
        sheet = openpyxl.load_workbook(BytesIO(content)).active
        cells = [row[0] for row in sheet.iter_rows(min_row=2) if row[0].value == name]
        self.assertEqual(len(cells), 1)
        self.assertEqual(cells[0].data_type, "s")
        self.assertIsNone(cells[0].hyperlink)
        formulas = [
            cell.coordinate
            for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row - 1)
            for cell in row
            if cell.data_type == "f"
        ]
        self.assertEqual(formulas, [])

    def test_project_manager_exports_only_their_projects(self):
        """A project manager's export holds only the projects they manage."""
        _header, lines, total = self._table(self._workbook(self.pm))
        self.assertEqual([line["Project"] for line in lines], ["Xlsx mine"])
        self.assertAlmostEqual(total["Contract Value"], 7000.0, 2)
        self.assertAlmostEqual(total["Collected"], 3000.0, 2)

    def test_receivables_aging_and_funnel_exports(self):
        """The receivables aging and sales funnel exports open with openpyxl
        and total what the database holds; a project manager may not run the
        receivables export."""
        sheet = self._workbook(self.ceo, "ps_dashboard.receivable_aging_xlsx")
        _header, lines, total = self._table(sheet)
        receivables = self.env["ps.contract.receivable"].with_user(self.ceo).search([])
        self.assertEqual(len(lines), len(receivables))
        for column, field in (
            ("Contracted", "amount_contracted"),
            ("Collected", "amount_collected"),
            ("Overdue", "amount_overdue"),
            ("Over 90 Days", "aging_90_plus"),
        ):
            self.assertAlmostEqual(total[column], sum(receivables.mapped(field)), 2, column)
        with self.assertRaises(AccessError):
            self._workbook(self.pm, "ps_dashboard.receivable_aging_xlsx")

        sheet = self._workbook(self.ceo, "ps_dashboard.sales_funnel_xlsx")
        _header, lines, total = self._table(sheet)
        leads = self.env["crm.lead"].with_user(self.ceo).search([("type", "=", "opportunity")])
        self.assertEqual(len(lines), len(leads))
        self.assertAlmostEqual(total["Expected Revenue"], sum(leads.mapped("expected_revenue")), 2)
