import math
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Bars of the budget-versus-actual chart (the projects with the largest budgets).
TOP_PROJECTS = 10
# Months of the revenue and collections chart.
MONTHS = 12
# Filters that are record ids.
ID_FILTERS = ("company_id", "project_type_id", "user_id")


class PsCockpit(models.AbstractModel):
    """Server side of the executive cockpit (no table: figures come from the
    reporting views and the apps).

    Everything is counted as the current user (``_read_group``, ``_search``), so
    record rules decide what a figure covers: an executive sees the whole
    portfolio, a project manager the projects they manage. A card or chart over
    a model the user may not read is left out. The number of queries does not
    depend on the number of projects, and the portfolio is read once: its cards
    and charts add up the same rows.
    """

    _name = "ps.cockpit"
    _description = "Executive Cockpit"

    # -- helpers -----------------------------------------------------------------
    @api.model
    def _ps_check_cockpit_access(self):
        user = self.env.user
        if not (
            user.has_group("ps_dashboard.group_ps_executive")
            or user.has_group("project.group_project_user")
        ):
            raise AccessError(
                self.env._("Only executives and project managers can open the cockpit.")
            )

    @api.model
    def _ps_can_read(self, model):
        return model in self.env and self.env[model].has_access("read")

    @api.model
    def _ps_portfolio_domain(self, filters):
        domain = []
        if filters.get("company_id"):
            domain.append(("company_id", "=", int(filters["company_id"])))
        if filters.get("project_type_id"):
            domain.append(("project_type_id", "=", int(filters["project_type_id"])))
        if filters.get("user_id"):
            domain.append(("user_id", "=", int(filters["user_id"])))
        return domain

    @api.model
    def _ps_period(self, filters):
        date_from = filters.get("date_from") and fields.Date.to_date(filters["date_from"])
        date_to = filters.get("date_to") and fields.Date.to_date(filters["date_to"])
        return date_from, date_to

    @api.model
    def _ps_selection(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    @api.model
    def _ps_card(self, key, label, value, model, domain, kind="integer"):
        return {
            "key": key,
            "label": label,
            "value": value or 0,  # SUM over no row is NULL
            "kind": kind,
            "model": model,
            "domain": domain,
        }

    # -- figures -----------------------------------------------------------------
    @api.model
    def _ps_portfolio_rows(self, domain):
        """The portfolio's projects the user may read (record rules) within
        ``domain``, one row each with the figures the cards and charts add up:
        one query over the portfolio, whose cost follows these projects only
        (the P&L sums each project's own facts)."""
        names, query = self._ps_portfolio_query(domain)
        rows = self.env.execute_query(query)
        return [dict(zip(names, row, strict=True)) for row in rows]

    @api.model
    def _ps_portfolio_query(self, domain):
        """(columns, SQL) of :meth:`_ps_portfolio_rows`."""
        Portfolio = self.env["ps.portfolio.report"]
        query = Portfolio._search(domain)
        names = (
            "project_id",
            "phase",
            "health",
            "budget_cost",
            "actual_cost",
            "committed_cost",
            "contract_value",
            "invoiced",
            "collected",
            "outstanding",
            "margin",
        )
        return names, query.select(*(SQL.identifier(Portfolio._table, name) for name in names))

    @api.model
    def _ps_portfolio_cards(self, domain, rows):
        model = "ps.portfolio.report"

        def total(name):
            return math.fsum(row[name] or 0.0 for row in rows)

        at_risk_domain = [*domain, ("health", "in", ["amber", "red"])]
        at_risk = sum(1 for row in rows if row["health"] in ("amber", "red"))
        cards = [
            self._ps_card("projects", self.env._("Projects"), len(rows), model, domain),
            self._ps_card(
                "at_risk", self.env._("Projects at Risk"), at_risk, model, at_risk_domain
            ),
            *self._ps_status_cards(domain),
            self._ps_card(
                "contract_value",
                self.env._("Contract Value"),
                total("contract_value"),
                model,
                domain,
                "monetary",
            ),
        ]
        if not self._ps_can_read("ps.contract.receivable"):
            # Who reads no receivables (a project manager) sees the money of
            # the projects they may read, from the same Accounting figures.
            cards += [
                self._ps_card(
                    "invoiced", self.env._("Invoiced"), total("invoiced"), model, domain, "monetary"
                ),
                self._ps_card(
                    "collected",
                    self.env._("Collected"),
                    total("collected"),
                    model,
                    domain,
                    "monetary",
                ),
                self._ps_card(
                    "outstanding",
                    self.env._("Outstanding Receivables"),
                    total("outstanding"),
                    model,
                    [*domain, ("outstanding", "!=", 0)],
                    "monetary",
                ),
            ]
        cards.append(
            self._ps_card(
                "margin", self.env._("Portfolio Margin"), total("margin"), model, domain, "monetary"
            )
        )
        return cards

    @api.model
    def _ps_status_cards(self, domain):
        """The projects whose last weekly status report is red: a click opens
        them (and from each, its status reports)."""
        if not self._ps_can_read("project.update"):
            return []
        fields_of = {"company_id": "company_id", "project_type_id": "ps_project_type_id"}
        fields_of["user_id"] = "user_id"
        red = [("last_update_id.ps_rag", "=", "red")] + [
            (fields_of[name], operator, value) for name, operator, value in domain
        ]
        [(count,)] = self.env["project.project"]._read_group(red, [], ["__count"])
        return [
            self._ps_card("reported_red", self.env._("Reported Red"), count, "project.project", red)
        ]

    @api.model
    def _ps_receivable_cards(self, filters):
        """Invoiced, collected, outstanding and overdue: one read of the
        receivables (Accounting's invoices, residuals and due dates) over the
        same contracts, so overdue never exceeds outstanding."""
        Receivable = self.env["ps.contract.receivable"]
        if not self._ps_can_read(Receivable._name):
            return []
        model = Receivable._name
        domain = [
            *(
                [("company_id", "=", int(filters["company_id"]))]
                if filters.get("company_id")
                else []
            ),
            *self._ps_contract_domain(filters, prefix="contract_id."),
        ]
        [(invoiced, collected, outstanding, overdue)] = Receivable._read_group(
            domain,
            [],
            [
                "amount_invoiced:sum",
                "amount_collected:sum",
                "amount_outstanding:sum",
                "amount_overdue:sum",
            ],
        )
        return [
            self._ps_card("invoiced", self.env._("Invoiced"), invoiced, model, domain, "monetary"),
            self._ps_card(
                "collected", self.env._("Collected"), collected, model, domain, "monetary"
            ),
            self._ps_card(
                "outstanding",
                self.env._("Outstanding Receivables"),
                outstanding,
                model,
                [*domain, ("amount_outstanding", "!=", 0)],
                "monetary",
            ),
            self._ps_card(
                "overdue",
                self.env._("Overdue Receivables"),
                overdue,
                model,
                [*domain, ("amount_overdue", ">", 0)],
                "monetary",
            ),
        ]

    @api.model
    def _ps_contract_domain(self, filters, prefix=""):
        """The contracts the project filters select: of the project type (through
        their project, or their services while they have none) and of the
        project manager. ``prefix`` leads from another model to the contract."""
        domain = []
        if filters.get("project_type_id"):
            project_type = int(filters["project_type_id"])
            domain += [
                "|",
                (f"{prefix}project_id.ps_project_type_id", "=", project_type),
                "&",
                (f"{prefix}project_id", "=", False),
                (f"{prefix}line_ids.product_id.ps_project_type_id", "=", project_type),
            ]
        if filters.get("user_id"):
            domain.append((f"{prefix}project_id.user_id", "=", int(filters["user_id"])))
        return domain

    @api.model
    def _ps_other_cards(self, filters):
        cards = []
        date_from, date_to = self._ps_period(filters)
        company = (
            [("company_id", "=", int(filters["company_id"]))] if filters.get("company_id") else []
        )
        if self._ps_can_read("ps.contract"):
            domain = [
                *company,
                ("state", "in", ["signed", "execution", "closed"]),
                *self._ps_contract_domain(filters),
            ]
            if date_from:
                domain.append(("date_signed", ">=", date_from))
            if date_to:
                domain.append(("date_signed", "<=", date_to))
            [(signed,)] = self.env["ps.contract"]._read_group(domain, [], ["amount_total:sum"])
            cards.append(
                self._ps_card(
                    "signed",
                    self.env._("Signed in Period"),
                    signed,
                    "ps.contract",
                    domain,
                    "monetary",
                )
            )
        if self._ps_can_read("ps.certificate"):
            domain = [*company, ("state", "in", ["expiring", "expired"])]
            [(expiring,)] = self.env["ps.certificate"]._read_group(domain, [], ["__count"])
            cards.append(
                self._ps_card(
                    "certificates",
                    self.env._("Expiring Certificates"),
                    expiring,
                    "ps.certificate",
                    domain,
                )
            )
        domain = [("user_id", "=", self.env.uid)]
        [(approvals,)] = self.env["ps.approval.item"]._read_group(domain, [], ["__count"])
        cards.append(
            self._ps_card(
                "approvals",
                self.env._("Waiting for My Approval"),
                approvals,
                "ps.approval.item",
                domain,
            )
        )
        return cards

    @api.model
    def _ps_chart(self, key, title, chart_type, model, labels, datasets, domains):
        """A chart; a dataset may carry its own ``model`` and ``domains`` when
        its points are other records than the chart's."""
        return {
            "key": key,
            "title": title,
            "type": chart_type,
            "model": model,
            "labels": labels,
            "datasets": datasets,
            "domains": domains,
        }

    @api.model
    def _ps_portfolio_charts(self, domain, rows):
        model = "ps.portfolio.report"
        charts = []
        for field, key, title, chart_type in (
            ("phase", "phase", self.env._("Projects by Phase"), "pie"),
            ("health", "health", self.env._("Projects by Health"), "doughnut"),
        ):
            labels = self._ps_selection(model, field)
            counts = Counter(row[field] for row in rows)
            keys = [k for k in labels if counts.get(k)]
            charts.append(
                self._ps_chart(
                    key,
                    title,
                    chart_type,
                    model,
                    [labels[k] for k in keys],
                    [{"label": self.env._("Projects"), "data": [counts[k] for k in keys]}],
                    [[*domain, (field, "=", k)] for k in keys],
                )
            )
        # The largest budgets; ties in the projects' own order (as a group by
        # project sorts them).
        budgets = sorted((row["budget_cost"] or 0.0 for row in rows), reverse=True)
        floor = budgets[TOP_PROJECTS - 1] if len(budgets) >= TOP_PROJECTS else None
        top = {
            row["project_id"]: row
            for row in rows
            if floor is None or (row["budget_cost"] or 0.0) >= floor
        }
        # sudo: the order of projects the portfolio's rules already let the
        # user read (ids from the query above), nothing else is read.
        ordered = (
            self.env["project.project"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "in", list(top))])
        )
        ranked = sorted(ordered.ids, key=lambda pid: -(top[pid]["budget_cost"] or 0.0))
        ranked = ranked[:TOP_PROJECTS]
        projects = self.env["project.project"].browse(ranked)
        charts.append(
            self._ps_chart(
                "budget",
                self.env._("Budget vs Actual"),
                "bar",
                model,
                [project.display_name for project in projects],
                [
                    {"label": label, "data": [top[pid][name] or 0 for pid in ranked]}
                    for label, name in (
                        (self.env._("Budget"), "budget_cost"),
                        (self.env._("Actual Cost"), "actual_cost"),
                        (self.env._("Committed Cost"), "committed_cost"),
                    )
                ],
                [[*domain, ("project_id", "=", pid)] for pid in ranked],
            )
        )
        return charts

    @api.model
    def _ps_other_charts(self, filters):
        charts = []
        company = (
            [("company_id", "=", int(filters["company_id"]))] if filters.get("company_id") else []
        )
        start = fields.Date.context_today(self).replace(day=1) - relativedelta(months=MONTHS - 1)
        months = [start + relativedelta(months=i) for i in range(MONTHS)]
        datasets = []
        for model, field, amount, domain, label in (
            (
                "ps.project.cost.ledger",
                "date",
                "amount:sum",
                [("kind", "=", "revenue"), ("status", "=", "actual")],
                self.env._("Revenue"),
            ),
            (
                "ps.contract.collection",
                "date",
                "amount:sum",
                [("state", "=", "confirmed")],
                self.env._("Collected"),
            ),
        ):
            if not self._ps_can_read(model):
                continue
            domain = [*company, *domain, (field, ">=", start)]
            sums = dict(self.env[model]._read_group(domain, [f"{field}:month"], [amount]))
            datasets.append(
                {
                    "label": label,
                    "data": [sums.get(month) or 0.0 for month in months],
                    "model": model,
                    "domains": [
                        [
                            *domain,
                            (field, ">=", month),
                            (field, "<", month + relativedelta(months=1)),
                        ]
                        for month in months
                    ],
                }
            )
        if datasets:
            charts.append(
                self._ps_chart(
                    "revenue",
                    self.env._("Revenue and Collections by Month"),
                    "line",
                    datasets[0]["model"],
                    [month.strftime("%Y-%m") for month in months],
                    datasets,
                    datasets[0]["domains"],
                )
            )
        if self._ps_can_read("crm.lead"):
            domain = [*company, ("type", "=", "opportunity"), ("active", "=", True)]
            rows = self.env["crm.lead"]._read_group(
                domain, ["stage_id"], ["__count", "expected_revenue:sum"]
            )
            charts.append(
                self._ps_chart(
                    "funnel",
                    self.env._("Sales Funnel"),
                    "bar",
                    "crm.lead",
                    [stage.display_name or self.env._("No Stage") for stage, *_rest in rows],
                    [
                        {
                            "label": self.env._("Opportunities"),
                            "data": [count for _s, count, _r in rows],
                        }
                    ],
                    [[*domain, ("stage_id", "=", stage.id)] for stage, *_rest in rows],
                )
            )
        if self._ps_can_read("ps.workload.report"):
            week = fields.Date.context_today(self)
            week -= relativedelta(days=week.weekday())
            domain = [*company, ("week_start", "=", week)]
            Workload = self.env["ps.workload.report"]
            labels = self._ps_selection(Workload._name, "status")
            counts = dict(Workload._read_group(domain, ["status"], ["__count"]))
            keys = list(labels)
            charts.append(
                self._ps_chart(
                    "workload",
                    self.env._("Workload This Week"),
                    "bar",
                    Workload._name,
                    [labels[k] for k in keys],
                    [{"label": self.env._("Members"), "data": [counts.get(k, 0) for k in keys]}],
                    [[*domain, ("status", "=", k)] for k in keys],
                )
            )
        return charts

    @api.model
    def _ps_exports(self):
        """The XLSX exports the user may run from the cockpit."""
        exports = [
            (
                "ps.portfolio.report",
                "ps_dashboard.ps_portfolio_xlsx_action",
                self.env._("Portfolio"),
            ),
            (
                "ps.contract.receivable",
                "ps_dashboard.ps_receivable_aging_xlsx_action",
                self.env._("Receivables Aging"),
            ),
            ("crm.lead", "ps_dashboard.ps_sales_funnel_xlsx_action", self.env._("Sales Funnel")),
        ]
        return [
            {"action": action, "label": label}
            for model, action, label in exports
            if self._ps_can_read(model)
        ]

    @api.model
    def _ps_filter_options(self):
        """Choices of the cockpit's filters: the user's companies, the project
        types and the managers of the projects the user may read."""
        managers = self.env["ps.portfolio.report"]._read_group([], ["user_id"])
        types = self.env["ps.project.type"]
        if self._ps_can_read(types._name):
            types = types.search([], order="name", limit=100)
        companies = self.env.user.company_ids
        return {
            "companies": [[c.id, c.name] for c in companies] if len(companies) > 1 else [],
            "project_types": [[t.id, t.display_name] for t in types],
            "managers": [[u.id, u.display_name] for (u,) in managers if u],
        }

    @api.model
    def _ps_clean_filters(self, filters):
        """The filters as ids and dates, or a UserError saying which one is wrong
        (the client is not the only caller: this is an RPC method)."""
        if not filters:
            return {}
        if not isinstance(filters, dict):
            raise UserError(self.env._("The cockpit's filters must be a set of named values."))
        unknown = set(filters) - {*ID_FILTERS, "date_from", "date_to"}
        if unknown:
            raise UserError(
                self.env._("Unknown cockpit filter: %(names)s.", names=", ".join(sorted(unknown)))
            )
        clean = {}
        for name in ID_FILTERS:
            value = filters.get(name)
            if value in (None, False, ""):
                continue
            if isinstance(value, bool) or not str(value).lstrip("-").isdigit():
                raise UserError(
                    self.env._(
                        "The cockpit filter %(name)s must be a record id, not %(value)r.",
                        name=name,
                        value=value,
                    )
                )
            clean[name] = int(value)
        for name in ("date_from", "date_to"):
            value = filters.get(name)
            if not value:
                continue
            try:
                clean[name] = fields.Date.to_date(value)
            except (TypeError, ValueError):
                clean[name] = None
            if not clean[name]:
                raise UserError(
                    self.env._(
                        "The cockpit filter %(name)s must be a date (YYYY-MM-DD), not %(value)r.",
                        name=name,
                        value=value,
                    )
                )
        if (
            clean.get("date_from")
            and clean.get("date_to")
            and clean["date_from"] > clean["date_to"]
        ):
            raise UserError(self.env._("The cockpit's period ends before it starts."))
        return clean

    @api.model
    def get_cockpit_data(self, filters=None):
        """Cards and charts of the cockpit, each with the model and domain of the
        records behind each figure (what the client opens on a click).

        ``filters`` (all optional): ``date_from``, ``date_to`` (the period of
        signed contracts), ``company_id``, ``project_type_id``, ``user_id``
        (project manager).
        """
        self._ps_check_cockpit_access()
        filters = self._ps_clean_filters(filters)
        domain = self._ps_portfolio_domain(filters)
        rows = self._ps_portfolio_rows(domain)
        return {
            "cards": self._ps_portfolio_cards(domain, rows)
            + self._ps_receivable_cards(filters)
            + self._ps_other_cards(filters),
            "charts": self._ps_portfolio_charts(domain, rows) + self._ps_other_charts(filters),
            "currency_id": self.env.company.currency_id.id,
            "exports": self._ps_exports(),
            "filter_options": self._ps_filter_options(),
        }
