from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsFinanceAccess(PsFinanceCommon):
    def test_member_cannot_read_another_projects_pnl(self):
        """A member reads neither another project's P&L nor its ledger; finance and the
        PMO read all; a project manager reads their own project's P&L only."""
        self._timesheet(2, project=self.other_project)
        self.env.flush_all()
        Pnl = self.env["ps.project.pnl"]
        other = Pnl.browse(self.other_project.id)
        with self.assertRaises(AccessError):
            other.with_user(self.member).read(["actual_cost"])
        with self.assertRaises(AccessError):
            other.with_user(self.pm).read(["actual_cost"])
        self.assertFalse(Pnl.with_user(self.member).search([]))
        self.assertFalse(
            self.env["ps.project.cost.ledger"]
            .with_user(self.member)
            .search([("project_id", "=", self.other_project.id)])
        )
        self.assertEqual(other.with_user(self.other_pm).actual_cost, 100.0)
        self.assertEqual(Pnl.with_user(self.pm).search([]).project_id, self.project)
        self.assertEqual(other.with_user(self.finance).actual_cost, 100.0)
        self.assertEqual(other.with_user(self.pmo).actual_cost, 100.0)
        self.assertEqual(self.other_project.with_user(self.other_pm).ps_budget_consumed_pct, 0.0)

    def test_member_sees_only_own_claims(self):
        """Members see their own claims, not the others' claims on their project."""
        expense, _sheet = self._expense(10.0)
        other_employee = self.env["hr.employee"].create(
            {"name": "Other", "user_id": self.other_pm.id, "work_email": "o@example.com"}
        )
        other_expense = self.env["hr.expense"].create(
            {
                "name": "Lunch",
                "employee_id": other_employee.id,
                "product_id": self.product_travel.id,
                "total_amount_currency": 10.0,
                "ps_project_id": self.project.id,
            }
        )
        visible = self.env["hr.expense"].with_user(self.member).search([])
        self.assertIn(expense, visible)
        self.assertNotIn(other_expense, visible)
        # the project manager reads the claims of their project
        self.assertIn(other_expense, self.env["hr.expense"].with_user(self.pm).search([]))

    def test_project_manager_lists_the_claims_of_her_projects(self):
        """The PM opens all expenses (no "My Expenses" filter): the claims of her
        project are listed with their report's state, which she reads but
        cannot change; a claim on another project and its report stay hidden."""
        expense, sheet = self._expense(10.0)
        other_expense, other_sheet = self._expense(20.0, project=self.other_project)
        Expense = self.env["hr.expense"].with_user(self.pm)
        rows = Expense.search_read([], ["name", "sheet_id", "state", "is_editable"])
        self.assertIn(expense.id, [row["id"] for row in rows])
        self.assertNotIn(other_expense.id, [row["id"] for row in rows])
        self.assertEqual(sheet.with_user(self.pm).state, "submit")
        with self.assertRaises(AccessError):
            sheet.with_user(self.pm).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            other_sheet.with_user(self.pm).read(["state"])

    def test_finance_opens_a_project_pnl(self):
        """Finance opens the P&L form of a project it does not follow (as the web
        client loads it: list, then form) and reads its figures, members-only
        project included."""
        self.other_project.privacy_visibility = "followers"
        self._timesheet(2, project=self.other_project)
        self.env.flush_all()
        pnl = self.env["ps.project.pnl"].with_user(self.finance).browse(self.other_project.id)
        views = pnl.get_views([(False, "list"), (False, "form")])
        for view_type in ("list", "form"):
            arch = etree.fromstring(views["views"][view_type]["arch"])
            spec = {node.get("name"): {} for node in arch.iter("field")}
            spec["display_name"] = {}  # the web client always reads it (form title)
            for name, field in pnl._fields.items():
                if name in spec and field.type == "many2one":
                    spec[name] = {"fields": {"display_name": {}}}
            pnl.invalidate_recordset()
            record = pnl.web_read(spec)[0]
            self.assertEqual(record["project_id"]["display_name"], self.other_project.name)
            self.assertEqual(record["actual_cost"], 100.0)
            self.assertEqual(record["display_name"], self.other_project.name)

    def test_members_cannot_approve_or_close(self):
        """Members cannot budget, close months, validate over-budget tiers or configure."""
        with self.assertRaises(AccessError):
            self.env["ps.project.period"].with_user(self.member).create(
                {"project_id": self.project.id}
            )
        period = self.env["ps.project.period"].create({"project_id": self.project.id})
        with self.assertRaises(UserError):
            period.with_user(self.pmo).action_close()
        budget = self._budget(self.project, {self.travel: 10.0})
        with self.assertRaises(AccessError):
            budget.with_user(self.member).read(["amount_total"])
        _expense, sheet = self._expense(50.0)
        self.assertTrue(sheet.review_ids)
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            sheet.with_user(self.member).validate_tier()
        self.assertNotEqual(sheet.validation_status, "validated")

    def test_company_rule(self):
        """Finance of another company does not see this company's project finance."""
        other_company = self.env["res.company"].create({"name": "Other firm"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "ps_fin_outsider",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("ps_contract.group_ps_finance").id,
                            self.env.ref("base.group_user").id,
                        ],
                    )
                ],
            }
        )
        self._budget(self.project, {self.travel: 10.0})
        self.env.flush_all()
        self.assertFalse(self.env["ps.project.budget"].with_user(outsider).search([]))
        self.assertFalse(
            self.env["ps.project.pnl"]
            .with_user(outsider)
            .search([("project_id", "=", self.project.id)])
        )
