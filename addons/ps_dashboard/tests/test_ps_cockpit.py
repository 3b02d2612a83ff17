from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ps_expense_finance.tests.common import analytic_lines_read

from .common import PsDashboardCase

SIGNED = ["signed", "execution", "closed"]


@tagged("post_install", "-at_install")
class TestPsCockpit(PsDashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._project("Cockpit mine", ps_phase="execution")
        cls.theirs = cls._project(
            "Cockpit theirs", user=cls.other_pm, ps_phase="planning", privacy_visibility="followers"
        )
        cls.mine_contract = cls._signed_contract(cls.mine, days=12)
        cls.theirs_contract = cls._signed_contract(cls.theirs, days=30)
        cls._collection(cls.mine_contract, 4000.0)
        cls._collection(cls.theirs_contract, 9000.0)
        cls._collection(cls.theirs_contract, 500.0, confirm=False)

    def _data(self, user, filters=None):
        data = self.env["ps.cockpit"].with_user(user).get_cockpit_data(filters)
        cards = {card["key"]: card for card in data["cards"]}
        charts = {chart["key"]: chart for chart in data["charts"]}
        return cards, charts

    def _count_queries(self, user):
        cockpit = self.env["ps.cockpit"].with_user(user)
        # Warm the group, access and rule caches (records read from the database).
        self.env.invalidate_all()
        cockpit.get_cockpit_data()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        cockpit.get_cockpit_data()
        return self.cr.sql_log_count - before

    def test_executive_role_hierarchy(self):
        """An executive is a sales director and a PMO, and reads the books."""
        self.assertTrue(self.ceo.has_group("sales_team.group_sale_manager"))
        self.assertTrue(self.ceo.has_group("project.group_project_manager"))
        self.assertTrue(self.ceo.has_group("account.group_account_readonly"))
        self.assertFalse(self.ceo.has_group("ps_contract.group_ps_finance"))

    def test_figures_equal_sums_of_the_records(self):
        """The executive's figures are the sums of the underlying records,
        computed here from projects, contracts and collections directly."""
        cards, charts = self._data(self.ceo)
        projects = self.env["project.project"].with_user(self.ceo).search([])
        self.assertEqual(cards["projects"]["value"], len(projects))
        contracts = (
            self.env["ps.contract"]
            .with_user(self.ceo)
            .search([("state", "in", SIGNED), ("project_id", "in", projects.ids)])
        )
        self.assertIn(self.mine_contract, contracts)
        self.assertAlmostEqual(
            cards["contract_value"]["value"], sum(contracts.mapped("amount_total"))
        )
        # money cards: the receivables of every contract the executive reads
        # (with a project or not), from Accounting
        receivable = (
            self.env["ps.contract"]
            .with_user(self.ceo)
            .search([("state", "in", [*SIGNED, "terminated"])])
        )
        self.assertIn(self.mine_contract, receivable)
        collected = sum(receivable.mapped("amount_collected"))
        self.assertAlmostEqual(cards["collected"]["value"], collected)
        # one fact, two doors: the confirmed collections add up to it
        self.assertAlmostEqual(
            collected,
            sum(
                self.env["ps.contract.collection"]
                .search([("state", "=", "confirmed"), ("contract_id", "in", receivable.ids)])
                .mapped("amount")
            ),
        )
        invoiced = sum(receivable.mapped("amount_invoiced"))
        self.assertAlmostEqual(cards["invoiced"]["value"], invoiced)
        outstanding = sum(receivable.mapped("amount_outstanding"))
        self.assertAlmostEqual(cards["outstanding"]["value"], outstanding)
        credit = sum(receivable.mapped("amount_credit"))
        self.assertAlmostEqual(invoiced - collected, outstanding - credit)
        overdue = sum(receivable.mapped("amount_overdue"))
        self.assertAlmostEqual(cards["overdue"]["value"], overdue)
        self.assertLessEqual(overdue, outstanding)
        signed = self.env["ps.contract"].search([("state", "in", SIGNED)])
        self.assertAlmostEqual(cards["signed"]["value"], sum(signed.mapped("amount_total")))

        phase = charts["phase"]
        by_phase = dict(zip(phase["labels"], phase["datasets"][0]["data"], strict=True))
        labels = dict(
            self.env["project.project"]._fields["ps_phase"]._description_selection(self.env)
        )
        for key, label in labels.items():
            expected = len(projects.filtered(lambda p, key=key: p.ps_phase == key))
            self.assertEqual(by_phase.get(label, 0), expected, key)
        self.assertEqual(sum(charts["health"]["datasets"][0]["data"]), len(projects))

    def test_health_from_schedule_and_budget(self):
        """Health: a slip makes a project at risk, more than ten days critical;
        the at-risk card counts the projects that slipped or near/over budget."""
        slipped = self._project("Cockpit slipped")
        late = self._project("Cockpit late")
        # The slip is a roll-up of the tasks' deadlines against their baseline;
        # set the stored roll-up directly to test the classification alone.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE project_project SET ps_schedule_variance_days = CASE id "
            "WHEN %s THEN 3 ELSE 20 END WHERE id IN %s",
            (slipped.id, (slipped.id, late.id)),
        )
        self.env.invalidate_all()
        rows = self.env["ps.portfolio.report"].search(
            [("project_id", "in", (slipped | late | self.mine).ids)]
        )
        health = {row.project_id: row.health for row in rows}
        self.assertEqual(health, {slipped: "amber", late: "red", self.mine: "green"})

        cards, _charts = self._data(self.ceo)
        projects = self.env["project.project"].with_user(self.ceo).search([])
        budget = {
            pnl.project_id: pnl.budget_status
            for pnl in self.env["ps.project.pnl"].search([("project_id", "in", projects.ids)])
        }
        at_risk = projects.filtered(
            lambda p: p.ps_schedule_variance_days > 0 or budget.get(p) in ("near", "over")
        )
        self.assertEqual(cards["at_risk"]["value"], len(at_risk))

    def test_drill_down_opens_the_records_behind_a_figure(self):
        """Each card and chart segment carries the domain of its records: the
        count of that domain is the figure shown."""
        cards, charts = self._data(self.ceo)
        for card in cards.values():
            if card["kind"] == "integer":
                count = self.env[card["model"]].with_user(self.ceo).search_count(card["domain"])
                self.assertEqual(card["value"], count, card["key"])
        for key in ("phase", "health"):
            chart = charts[key]
            for value, domain in zip(chart["datasets"][0]["data"], chart["domains"], strict=True):
                count = self.env[chart["model"]].with_user(self.ceo).search_count(domain)
                self.assertEqual(value, count, key)

    def test_revenue_and_collections_points_open_their_records(self):
        """Each point of the revenue and collections line opens the ledger
        lines or collections it sums."""
        self._collection(self.mine_contract, 1500.0, date=fields.Date.today())
        _cards, charts = self._data(self.ceo)
        chart = charts["revenue"]
        self.assertEqual(
            [d["model"] for d in chart["datasets"]],
            ["ps.project.cost.ledger", "ps.contract.collection"],
        )
        for dataset in chart["datasets"]:
            Model = self.env[dataset["model"]].with_user(self.ceo)
            for value, domain in zip(dataset["data"], dataset["domains"], strict=True):
                [(total,)] = Model._read_group(domain, [], ["amount:sum"])
                self.assertAlmostEqual(value, total, 2)
        self.assertGreaterEqual(chart["datasets"][1]["data"][-1], 1500.0)

    def test_query_count_does_not_grow_with_projects(self):
        """The cockpit's data call runs the same number of queries for 10 and
        for 500 more projects."""
        phases = ["initiation", "planning", "execution", "monitoring", "closing"]
        Project = self.env["project.project"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )

        def create(count, start):
            return Project.create(
                [
                    {
                        "name": f"Volume project {start + i}",
                        "user_id": self.pm.id,
                        "allow_timesheets": False,
                        "ps_phase": phases[i % len(phases)],
                    }
                    for i in range(count)
                ]
            )

        create(10, 0)
        self.env.flush_all()
        few = self._count_queries(self.ceo)
        create(490, 10)
        self.env.flush_all()
        many = self._count_queries(self.ceo)
        self.assertEqual(few, many)
        self.assertLess(many, 40)
        cards, _charts = self._data(self.ceo)
        self.assertGreaterEqual(cards["projects"]["value"], 500)

    def test_project_manager_sees_only_projects_they_may_read(self):
        """A project manager's cockpit covers their own projects: not a
        colleague's, not their contracts, and no contract or receivable cards
        they have no right to."""
        cards, charts = self._data(self.pm)
        portfolio = self.env["ps.portfolio.report"].with_user(self.pm).search([])
        self.assertEqual(portfolio.project_id, self.mine)
        self.assertEqual(cards["projects"]["value"], 1)
        self.assertAlmostEqual(cards["contract_value"]["value"], self.mine_contract.amount_total)
        self.assertAlmostEqual(cards["collected"]["value"], 4000.0)
        self.assertEqual(charts["budget"]["labels"], [self.mine.display_name])
        self.assertEqual(sum(charts["phase"]["datasets"][0]["data"]), 1)
        for key in ("signed", "overdue"):
            self.assertNotIn(key, cards)
        # Every project behind the figures is one the manager may read.
        portfolio.project_id.with_user(self.pm).check_access("read")
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.pm).check_access("read")
        with self.assertRaises(AccessError):
            self.env["ps.portfolio.report"].with_user(self.pm).browse(self.theirs.id).read(
                ["margin"]
            )

    def test_empty_portfolio_shows_zeros(self):
        """A project manager with no project gets zeros, not empty figures."""
        cards, charts = self._data(self.other_pm, {"project_type_id": -1})
        for card in cards.values():
            self.assertIsInstance(card["value"], int | float, card["key"])
        self.assertEqual(cards["contract_value"]["value"], 0)
        self.assertEqual(charts["budget"]["labels"], [])

    def test_malformed_filters_are_refused_clearly(self):
        """Filters a hostile or broken client sends get a message naming the
        filter, not a traceback; well-formed ones as strings still work."""
        Cockpit = self.env["ps.cockpit"].with_user(self.ceo)
        for filters, message in (
            ({"company_id": "abc"}, "company_id must be a record id"),
            ({"user_id": [1, 2]}, "user_id must be a record id"),
            ({"project_type_id": True}, "project_type_id must be a record id"),
            ({"date_from": "yesterday"}, "date_from must be a date"),
            ({"date_to": 20260101}, "date_to must be a date"),
            ({"date_from": "2026-02-01", "date_to": "2026-01-01"}, "ends before it starts"),
            ({"sql": "1=1"}, "Unknown cockpit filter: sql"),
            (["company_id"], "must be a set of named values"),
        ):
            with self.assertRaisesRegex(UserError, message, msg=str(filters)):
                Cockpit.get_cockpit_data(filters)
        data = Cockpit.get_cockpit_data(
            {"company_id": str(self.env.company.id), "date_from": "2026-01-01"}
        )
        self.assertTrue(data["cards"])

    def test_filters_narrow_the_portfolio(self):
        """Filtering by project manager keeps only their projects."""
        cards, _charts = self._data(self.ceo, {"user_id": self.other_pm.id})
        self.assertEqual(cards["projects"]["value"], 1)
        self.assertAlmostEqual(cards["contract_value"]["value"], self.theirs_contract.amount_total)

    def test_contract_cards_follow_the_project_filters(self):
        """Signed in period and overdue receivables count the contracts of the
        selected project manager's or project type's projects only."""
        cards, _charts = self._data(self.ceo, {"user_id": self.other_pm.id})
        self.assertAlmostEqual(cards["signed"]["value"], self.theirs_contract.amount_total)
        overdue = self.env["ps.contract.receivable"].search(
            [("contract_id", "=", self.theirs_contract.id)]
        )
        self.assertGreater(overdue.amount_overdue, 0)
        self.assertAlmostEqual(cards["overdue"]["value"], overdue.amount_overdue)
        project_type = self.env["ps.project.type"].create({"name": "Cockpit type", "code": "CKT"})
        self.mine.sudo().ps_project_type_id = project_type
        cards, _charts = self._data(self.ceo, {"project_type_id": project_type.id})
        self.assertAlmostEqual(cards["signed"]["value"], self.mine_contract.amount_total)
        # a signed contract not handed over yet counts by its services' type
        self.service.ps_project_type_id = project_type
        waiting = (
            self.env["ps.contract"]
            .with_user(self.salesman)
            .create(
                {
                    "title": "Not handed over yet",
                    "partner_id": self.customer.id,
                    "line_ids": [Command.create({"product_id": self.service.id, "quantity": 3})],
                    "milestone_ids": [
                        Command.create({"name": "All", "percentage": 100, "date_due": "2026-12-31"})
                    ],
                }
            )
        )
        waiting.action_submit_review()
        waiting.with_user(self.director).validate_tier()
        waiting.action_sign()
        cards, _charts = self._data(self.ceo, {"project_type_id": project_type.id})
        self.assertAlmostEqual(
            cards["signed"]["value"], self.mine_contract.amount_total + waiting.amount_total
        )

    def test_non_project_user_is_refused(self):
        """A salesperson who is not a project user cannot open the cockpit."""
        with self.assertRaises(AccessError):
            self.env["ps.cockpit"].with_user(self.salesman).get_cockpit_data()


@tagged("post_install", "-at_install")
class TestPsCockpitScale(PsDashboardCase):
    """The cockpit's cost follows the projects it covers: PostgreSQL's own
    count (EXPLAIN ANALYZE) of the analytic lines its portfolio query reads is
    the lines of those projects, whatever else the firm has.
    bench/bench_cockpit.py measures the same at 10,000 projects."""

    LINES = 2

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employee = cls.env["hr.employee"].create(
            {"name": "Cockpit consultant", "hourly_cost": 40.0, "company_id": cls.env.company.id}
        )
        cls.mine = cls.env["project.project"]
        for i in range(3):
            cls.mine |= cls._project(f"Scale mine {i}", allow_timesheets=True)
        others = cls.env["project.project"]
        for i in range(15):
            others |= cls._project(f"Scale other {i}", user=cls.other_pm, allow_timesheets=True)
        cls.env["account.analytic.line"].create(
            [
                {"name": "Work", "project_id": p.id, "employee_id": employee.id, "unit_amount": 2}
                for p in cls.mine | others
                for _i in range(cls.LINES)
            ]
        )

    def _lines_read(self, user, domain):
        _names, query = self.env["ps.cockpit"].with_user(user)._ps_portfolio_query(domain)
        self.env.flush_all()
        return analytic_lines_read(self.env.cr, query)

    def test_manager_cockpit_reads_own_projects_lines(self):
        """A project manager's cockpit reads the lines of their projects only."""
        self.assertEqual(self._lines_read(self.pm, []), self.LINES * len(self.mine))

    def test_manager_filter_reads_that_managers_lines(self):
        """The CEO's cockpit filtered on a manager reads that manager's lines
        only, and counts their projects."""
        domain = self.env["ps.cockpit"]._ps_portfolio_domain({"user_id": self.pm.id})
        self.assertEqual(self._lines_read(self.ceo, domain), self.LINES * len(self.mine))
        data = self.env["ps.cockpit"].with_user(self.ceo).get_cockpit_data({"user_id": self.pm.id})
        cards = {card["key"]: card["value"] for card in data["cards"]}
        self.assertEqual(cards["projects"], len(self.mine))
