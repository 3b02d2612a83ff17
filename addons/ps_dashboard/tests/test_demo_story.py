"""The demo story: one user per role (password = login) who each find work
waiting, and demo data covering every customer level, gate, contract state,
project phase, certificate reminder and confidentiality level.

These tests read the database's demo data. Installed without demo data, the
database must have none of the demo users (checked), and the story tests are
skipped; with demo data (as in CI) nothing is skipped.
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessDenied, AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ps_contract.models.ps_contract import CONTRACT_STATES
from odoo.addons.ps_project_wbs.models.ps_spec import CONFIDENTIALITY_LEVELS, PHASES

LOGINS = ("ceo", "salesdir", "sales", "pmo", "pm", "consultant", "finance")

# login: (groups it must have, groups it must not have)
ROLE_GROUPS = {
    "ceo": (
        [
            "ps_dashboard.group_ps_executive",
            "sales_team.group_sale_manager",
            "project.group_project_manager",
            "account.group_account_readonly",
        ],
        ["ps_contract.group_ps_finance", "base.group_system"],
    ),
    "salesdir": (
        ["sales_team.group_sale_manager"],
        [
            "ps_dashboard.group_ps_executive",
            "project.group_project_manager",
            "ps_contract.group_ps_finance",
            "base.group_system",
        ],
    ),
    "sales": (
        ["sales_team.group_sale_salesman"],
        [
            "sales_team.group_sale_manager",
            "project.group_project_manager",
            "ps_contract.group_ps_finance",
            "ps_dashboard.group_ps_executive",
        ],
    ),
    "pmo": (
        ["project.group_project_manager", "ps_knowledge.group_ps_knowledge_manager"],
        [
            "ps_dashboard.group_ps_executive",
            "sales_team.group_sale_salesman",
            "ps_contract.group_ps_finance",
            "base.group_system",
        ],
    ),
    "pm": (
        [
            "project.group_project_user",
            "ps_project_wbs.group_ps_project_manager",
            "hr_timesheet.group_hr_timesheet_user",
        ],
        [
            "project.group_project_manager",
            "sales_team.group_sale_salesman",
            "ps_contract.group_ps_finance",
        ],
    ),
    "consultant": (
        ["project.group_project_user", "hr_timesheet.group_hr_timesheet_user"],
        [
            "project.group_project_manager",
            "ps_project_wbs.group_ps_project_manager",
            "sales_team.group_sale_salesman",
            "ps_contract.group_ps_finance",
            "hr_expense.group_hr_expense_team_approver",
        ],
    ),
    "finance": (
        [
            "ps_contract.group_ps_finance",
            "account.group_account_invoice",
            "account.group_account_user",
            "hr_expense.group_hr_expense_user",
        ],
        [
            "account.group_account_manager",
            "ps_dashboard.group_ps_executive",
            "project.group_project_manager",
            "sales_team.group_sale_salesman",
            "base.group_system",
        ],
    ),
}

CLEARANCE = {
    "ceo": "secret",
    "salesdir": "confidential",
    "sales": "internal",
    "pmo": "secret",
    "pm": "confidential",
    "consultant": "confidential",
    "finance": "internal",
}


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.with_demo = cls.env["ir.module.module"]._get("ps_dashboard").demo
        cls.users = {
            login: cls.env.ref(f"ps_dashboard.user_ps_demo_{login}", raise_if_not_found=False)
            for login in LOGINS
        }
        cls.today = fields.Date.context_today(cls.env["res.users"])

    def setUp(self):
        super().setUp()
        if not self.with_demo and self._testMethodName != "test_demo_users_exist_with_demo_only":
            self.skipTest("ps_dashboard is installed without demo data: no demo story")

    def _inbox(self, login):
        user = self.users[login]
        return self.env["ps.approval.item"].with_user(user).search([("user_id", "=", user.id)])

    def test_demo_users_exist_with_demo_only(self):
        """With demo data every role has its user, named by its login; without
        demo data none of them exists."""
        Users = self.env["res.users"].with_context(active_test=False)
        if not self.with_demo:
            self.assertFalse(Users.search([("login", "in", LOGINS)]))
            return
        for login, user in self.users.items():
            self.assertTrue(user, f"demo user {login} is missing")
            self.assertEqual(user.login, login)
            self.assertTrue(user.active, login)
            self.assertFalse(user.share, login)

    def test_each_role_has_its_groups_and_clearance(self):
        """Each demo user has the groups of its role and none of the roles it
        does not play, and the vault clearance its work needs."""
        for login, (must, must_not) in ROLE_GROUPS.items():
            user = self.users[login]
            for group in must:
                self.assertTrue(user.has_group(group), f"{login} lacks {group}")
            for group in must_not:
                self.assertFalse(user.has_group(group), f"{login} must not have {group}")
            self.assertEqual(user.ps_clearance, CLEARANCE[login], login)

    def test_password_is_login(self):
        """Every demo user logs in with its login as password, and only with it."""
        credential = {"type": "password"}
        for login, user in self.users.items():
            as_user = user.with_user(user)
            auth = as_user._check_credentials(
                dict(credential, login=login, password=login), {"interactive": True}
            )
            self.assertEqual(auth["uid"], user.id, login)
            with self.assertRaises(AccessDenied, msg=login):
                as_user._check_credentials(
                    dict(credential, login=login, password=f"{login}-wrong"),
                    {"interactive": True},
                )

    def test_roles_are_refused_what_they_do_not_do(self):
        """The consultant reads no project P&L and no collection; the
        salesperson cannot confirm a collection nor read the P&L."""
        collection = self.env.ref("ps_contract.ps_collection_audit_1_demo")
        consultant, sales = self.users["consultant"], self.users["sales"]
        self.assertFalse(self.env["ps.project.pnl"].with_user(consultant).search([]))
        with self.assertRaises(AccessError):
            collection.with_user(consultant).read(["amount"])
        with self.assertRaises(AccessError):
            collection.with_user(sales).action_confirm()
        with self.assertRaises(AccessError):
            self.env["ps.project.pnl"].with_user(sales).search([])
        self.assertEqual(collection.state, "recorded")

    def test_customers_at_every_level(self):
        """About a dozen customer accounts cover every level, type and status."""
        customers = self.env["res.partner"].search(
            [("ps_is_customer", "=", True), ("parent_id", "=", False)]
        )
        self.assertGreaterEqual(len(customers), 12)
        self.assertEqual(customers.ps_level_id, self.env["ps.customer.level"].search([]))
        self.assertEqual(customers.ps_customer_type_id, self.env["ps.customer.type"].search([]))
        statuses = set(customers.mapped("ps_customer_status"))
        self.assertEqual(statuses, {"prospect", "active", "dormant", "lost"})
        self.assertTrue(customers.filtered(lambda p: not p.user_id), "no customer in the pool")

    def test_opportunities_at_every_gate(self):
        """Each gate of the advisory team has an opportunity in front of it, one
        waits for the deal approval, and one passed every gate and was won."""
        team = self.env.ref("ps_crm.ps_team_advisory_demo")
        leads = self.env["crm.lead"].search([("team_id", "=", team.id), ("active", "=", True)])
        gates = self.env["ps.ltc.gate"].search([("stage_id", "!=", False)])
        self.assertGreaterEqual(len(gates), 2)
        for gate in gates:
            before = leads.filtered(
                lambda lead, gate=gate: lead.type == "opportunity"
                and lead.stage_id.sequence < gate.stage_id.sequence
                and gate
                not in lead.ps_gate_passage_ids.filtered(lambda p: p.state == "passed").gate_id
                and all(
                    g in lead.ps_gate_passage_ids.filtered(lambda p: p.state == "passed").gate_id
                    for g in gates
                    if g.stage_id.sequence < gate.stage_id.sequence
                )
            )
            self.assertTrue(before, f"no opportunity in front of the gate {gate.name}")
        waiting = leads.ps_gate_passage_ids.filtered(lambda p: p.state == "draft")
        self.assertTrue(waiting.review_ids.filtered(lambda r: r.status == "pending"))
        won = leads.filtered(lambda lead: lead.stage_id.is_won)
        self.assertTrue(won)
        passed = won.ps_gate_passage_ids.filtered(lambda p: p.state == "passed").gate_id
        self.assertEqual(passed, gates)

    def test_contracts_in_every_state(self):
        """There is a contract in every state; terminated ones say why."""
        contracts = self.env["ps.contract"].search([])
        self.assertEqual(set(contracts.mapped("state")), {key for key, _label in CONTRACT_STATES})
        terminated = contracts.filtered(lambda c: c.state == "terminated")
        self.assertTrue(all(terminated.mapped("termination_reason")))
        closed = contracts.filtered(lambda c: c.state == "closed")
        self.assertTrue(any(c.amount_collected == c.amount_total for c in closed))

    def test_demo_money_agrees_with_accounting(self):
        """Every demo contract that shows money collected has its invoices paid
        in Accounting; each contract's outstanding and overdue are its invoices'
        open receivable items, the same for the CEO's cockpit; the audit cheque
        recorded before its invoice waits for finance as an advance."""
        contracts = self.env["ps.contract"].search([("state", "!=", "draft")])
        today = fields.Date.context_today(self.env["ps.contract"])
        collected = contracts.filtered(
            lambda c: c.amount_collected and c.amount_collected >= c.amount_invoiced
        )
        self.assertTrue(collected)
        for contract in contracts:
            invoices = contract.invoice_request_ids.move_id.filtered(
                lambda m: m.move_type == "out_invoice"
            )
            if contract in collected:
                self.assertEqual(set(invoices.mapped("payment_state")), {"paid"}, contract.name)
            lines = invoices.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            self.assertAlmostEqual(
                contract.amount_outstanding, sum(lines.mapped("amount_residual")), 2
            )
            self.assertAlmostEqual(
                contract.amount_overdue,
                sum(
                    line.amount_residual
                    for line in lines
                    if line.amount_residual > 0 and line.date_maturity < today
                ),
                2,
            )
        self.assertFalse(
            contracts.filtered(lambda c: c.state == "terminated").mapped("amount_overdue")[0]
        )
        cheque = self.env.ref("ps_contract.ps_collection_audit_1_demo")
        self.assertEqual((cheque.state, cheque.is_advance), ("recorded", True))
        cards = {
            card["key"]: card["value"]
            for card in self.env["ps.cockpit"]
            .with_user(self.users["ceo"])
            .get_cockpit_data()["cards"]
        }
        self.assertAlmostEqual(cards["outstanding"], sum(contracts.mapped("amount_outstanding")))
        self.assertLessEqual(cards["overdue"], cards["outstanding"])

    def test_projects_in_every_phase_with_health(self):
        """Projects are in all five phases; one is over budget, one is late
        (within budget) and one in execution is healthy."""
        projects = self.env["project.project"].search([("ps_project_type_id", "!=", False)])
        self.assertEqual(set(projects.mapped("ps_phase")), {key for key, _label in PHASES})
        rows = self.env["ps.portfolio.report"].search([("project_id", "in", projects.ids)])
        self.assertTrue(rows.filtered(lambda r: r.budget_status == "over"), "none over budget")
        self.assertTrue(
            rows.filtered(lambda r: r.schedule_variance_days > 0 and r.budget_status != "over"),
            "none late",
        )
        self.assertTrue(
            rows.filtered(lambda r: r.health == "green" and r.phase == "execution"),
            "none healthy in execution",
        )

    def test_certificate_about_to_expire(self):
        """A certificate expires within its type's first reminder lead time."""
        certificates = self.env["ps.certificate"].search(
            [("date_expiry", ">=", self.today), ("renewal_ids", "=", False)]
        )
        self.assertTrue(
            certificates.filtered(
                lambda c: c.date_expiry
                <= self.today + timedelta(days=max(c.type_id._ps_lead_times()))
            )
        )

    def test_documents_at_every_level(self):
        """The vault holds documents of every confidentiality level."""
        levels = set(self.env["ps.document"].search([]).mapped("confidentiality"))
        self.assertEqual(levels, {code for code, _label in CONFIDENTIALITY_LEVELS})

    def test_each_approver_has_work_in_the_inbox(self):
        """The approvals inbox of each approving role holds what the story put
        there: the CEO the start of an engagement, the sales director the deal
        and the big contract, the PMO the start and the budget revision, the
        project manager a payment, finance the payment, an invoice request, a
        collection and an expense report."""
        expected = {
            "ceo": {("review", "ps.project.gate")},
            "salesdir": {("review", "ps.lead.gate.passage"), ("review", "ps.contract")},
            "pmo": {("review", "ps.project.budget"), ("review", "ps.project.gate")},
            "pm": {("review", "ps.payment.request")},
            "finance": {
                ("review", "ps.payment.request"),
                ("review", "ps.invoice.request"),
                ("collection", "ps.contract.collection"),
                ("expense", "hr.expense.sheet"),
            },
        }
        for login, kinds in expected.items():
            items = self._inbox(login)
            found = {(item.kind, item.res_model) for item in items}
            self.assertLessEqual(kinds, found, login)
            # the inbox shows each row's document by name (readable by its reviewer)
            self.assertTrue(all("#" not in item.name for item in items), login)

    def test_approvers_act_from_the_inbox(self):
        """The project manager and finance approve the payment request, and
        finance confirms the collection, from their inboxes."""
        pm_item = self._inbox("pm").filtered(lambda i: i.res_model == "ps.payment.request")
        pm_item.with_user(self.users["pm"]).action_approve()
        request = self.env["ps.payment.request"].browse(pm_item.res_id)
        self.assertEqual(request.state, "submitted")  # finance's approval is missing
        finance_request = self._inbox("finance").filtered(
            lambda i: i.res_model == "ps.payment.request" and i.res_id == request.id
        )
        finance_request.with_user(self.users["finance"]).action_approve()
        self.assertEqual(request.state, "approved")
        finance_item = self._inbox("finance").filtered(lambda i: i.kind == "collection")[:1]
        finance_item.with_user(self.users["finance"]).action_approve()
        collection = self.env["ps.contract.collection"].browse(finance_item.res_id)
        self.assertEqual(collection.state, "confirmed")

    def test_each_role_owns_its_records(self):
        """Sales own customers, opportunities and contracts (with a follow-up
        overdue); the project manager runs projects; the consultant has tasks,
        this week's timesheets and an expense report; the PMO keeps the
        certificates."""
        sales, salesdir = self.users["sales"], self.users["salesdir"]
        pm, pmo, consultant = self.users["pm"], self.users["pmo"], self.users["consultant"]
        Partner = self.env["res.partner"]
        for user in (sales, salesdir):
            self.assertTrue(Partner.search_count([("user_id", "=", user.id)]))
            self.assertTrue(self.env["crm.lead"].search_count([("user_id", "=", user.id)]))
            self.assertTrue(self.env["ps.contract"].search_count([("user_id", "=", user.id)]))
        self.assertTrue(
            Partner.with_user(sales).search_count(
                [("user_id", "=", sales.id), ("ps_next_followup_date", "<", self.today)]
            ),
            "no follow-up overdue for the salesperson",
        )
        managed = self.env["project.project"].search([("user_id", "=", pm.id)])
        self.assertGreaterEqual(len(managed), 4)
        self.assertTrue({"execution", "monitoring"} <= set(managed.mapped("ps_phase")))
        self.assertTrue(self.env["project.project"].search_count([("user_id", "=", pmo.id)]))
        Task = self.env["project.task"].with_user(consultant)
        self.assertTrue(Task.search_count([("user_ids", "in", consultant.id)]))
        timesheets = (
            self.env["account.analytic.line"]
            .with_user(consultant)
            .search([("user_id", "=", consultant.id), ("project_id", "!=", False)])
        )
        self.assertTrue(timesheets)
        self.assertTrue(all(line.date >= self.today - timedelta(days=7) for line in timesheets))
        sheets = self.env["hr.expense.sheet"].search([("employee_id.user_id", "=", consultant.id)])
        self.assertEqual(sheets.mapped("approval_state"), ["submit"])
        self.assertEqual(sheets.user_id, self.users["finance"])
        self.assertTrue(self.env["ps.certificate"].search_count([("user_id", "=", pmo.id)]))

    def test_each_role_finds_its_menus(self):
        """The project manager reaches her projects' money (Project Finance ›
        Project P&L, Budgets) and her dashboard; the consultant gets neither."""
        Menu = self.env["ir.ui.menu"]
        finance = self.env.ref("ps_expense_finance.ps_expense_finance_menu_root")
        pnl = self.env.ref("ps_expense_finance.ps_project_pnl_menu")
        budgets = self.env.ref("ps_expense_finance.ps_project_budget_menu")
        pm_dashboard = self.env.ref("ps_dashboard.ps_pm_dashboard_menu")
        visible = {
            login: Menu.with_user(self.users[login])._visible_menu_ids()
            for login in ("pm", "consultant", "pmo", "finance")
        }
        for menu in (finance, pnl, budgets, pm_dashboard):
            self.assertIn(menu.id, visible["pm"], menu.complete_name)
            self.assertIn(menu.id, visible["pmo"], menu.complete_name)
        # (the web client opens menus from their root: a hidden root hides its tree)
        for menu in (finance, pm_dashboard):
            self.assertNotIn(menu.id, visible["consultant"], menu.complete_name)
        self.assertIn(pnl.id, visible["finance"])
        # what the menu opens, she may read: her projects' P&L only
        pnl_rows = self.env["ps.project.pnl"].with_user(self.users["pm"]).search([])
        self.assertTrue(pnl_rows)
        self.assertEqual(set(pnl_rows.sudo().mapped("project_id.user_id.login")), {"pm"})
