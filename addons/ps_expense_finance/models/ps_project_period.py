from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import internal, is_internal

PERIOD_STATES = [("open", "Open"), ("closed", "Closed")]


def earned_value_indices(bac, pv, ev, ac):
    """The earned-value indices of a budget at completion ``bac``, planned value
    ``pv``, earned value ``ev`` and actual cost ``ac`` (the P&L's SQL computes the
    same): a ratio whose divisor is zero is 0, and so are the estimates that need
    it; TCPI is 0 once the budget is spent (it can no longer be met)."""
    cpi = ev / ac if ac > 0 else 0.0
    eac = bac * ac / ev if ev > 0 and ac > 0 else 0.0  # BAC / CPI
    return {
        "cpi": cpi,
        "spi": ev / pv if pv > 0 else 0.0,
        "eac": eac,
        "eac_alt": ac + bac - ev,
        "etc": eac - ac if eac else 0.0,
        "vac": bac - eac if eac else 0.0,
        "tcpi": (bac - ev) / (bac - ac) if bac - ac > 0 else 0.0,
    }


class PsProjectPeriod(models.Model):
    """Monthly close of a project: closing freezes its figures up to the month's
    end (a snapshot per cost category and in total). Costs posted later in or
    before that month do not change the snapshot: they show as differences
    between the live figures and the snapshot."""

    _name = "ps.project.period"
    _description = "Project Monthly Close"
    _inherit = ["mail.thread"]
    _order = "date_start desc, project_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('account_id', '!=', False)]",
    )
    user_id = fields.Many2one(related="project_id.user_id", store=True, string="Project Manager")
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(
        string="Month",
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1)
        - relativedelta(months=1),
    )
    date_end = fields.Date(compute="_compute_date_end", store=True)
    state = fields.Selection(
        PERIOD_STATES, default="open", required=True, readonly=True, copy=False, tracking=True
    )
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "ps.project.period.line", "period_id", string="Snapshot", readonly=True
    )
    # Snapshot (frozen when closed)
    cost_month = fields.Monetary(string="Cost of the Month", readonly=True)
    cost_to_date = fields.Monetary(string="Cost to Date", readonly=True)
    revenue_month = fields.Monetary(string="Revenue of the Month", readonly=True)
    revenue_to_date = fields.Monetary(string="Revenue to Date", readonly=True)
    committed = fields.Monetary(readonly=True)
    budget = fields.Monetary(string="Cost Budget", readonly=True)
    margin_to_date = fields.Monetary(readonly=True)
    invoiced = fields.Monetary(readonly=True)
    collected = fields.Monetary(readonly=True)
    # Earned value at the close (the cost budget above is the BAC, the cost to
    # date the AC): the time-phased figures of the project's S-curve.
    progress = fields.Float(
        string="Progress (%)", readonly=True, help="Work done when the month was closed."
    )
    planned_value = fields.Monetary(
        string="Planned Value (PV)",
        readonly=True,
        help="The budget of the work the baseline schedule plans done by the month's end.",
    )
    earned_value = fields.Monetary(
        string="Earned Value (EV)",
        readonly=True,
        help="Progress when the month was closed times the cost budget.",
    )
    cpi = fields.Float(string="CPI", compute="_compute_ev_indices", digits=(16, 2))
    spi = fields.Float(string="SPI", compute="_compute_ev_indices", digits=(16, 2))
    eac = fields.Monetary(string="EAC (BAC / CPI)", compute="_compute_ev_indices")
    eac_alt = fields.Monetary(string="EAC (AC + BAC - EV)", compute="_compute_ev_indices")
    etc = fields.Monetary(string="Estimate to Complete (ETC)", compute="_compute_ev_indices")
    vac = fields.Monetary(string="Variance at Completion (VAC)", compute="_compute_ev_indices")
    tcpi = fields.Float(string="TCPI", compute="_compute_ev_indices", digits=(16, 2))
    # Live figures and differences
    live_cost_to_date = fields.Monetary(compute="_compute_live", string="Cost to Date Now")
    difference = fields.Monetary(
        compute="_compute_live",
        help="Cost to date now minus the frozen cost to date: corrections posted after the close.",
    )

    _sql_constraints = [
        (
            "project_month_uniq",
            "unique(project_id, date_start)",
            "This project already has a period for this month.",
        ),
    ]

    @api.depends("project_id.company_id")
    def _compute_company_id(self):
        for period in self:
            period.company_id = period.project_id.company_id or self.env.company

    @api.depends("project_id.name", "date_start")
    def _compute_name(self):
        for period in self:
            month = period.date_start.strftime("%Y-%m") if period.date_start else ""
            period.name = f"{period.project_id.name or ''} {month}"

    @api.depends("date_start")
    def _compute_date_end(self):
        for period in self:
            period.date_end = period.date_start and (
                period.date_start + relativedelta(months=1, days=-1)
            )

    @api.depends("budget", "planned_value", "earned_value", "cost_to_date")
    def _compute_ev_indices(self):
        for period in self:
            currency = period.currency_id or self.env.company.currency_id
            indices = earned_value_indices(
                period.budget, period.planned_value, period.earned_value, period.cost_to_date
            )
            for name in ("eac", "eac_alt", "etc", "vac"):
                indices[name] = currency.round(indices[name])
            period.update(indices)

    def _compute_live(self):
        dates = {p.date_end for p in self if p.date_end}
        self.env.flush_all()  # the ledger is a view over other models' tables
        live = defaultdict(float)
        Ledger = self.env["ps.project.cost.ledger"].sudo()
        for date_end in dates:
            periods = self.filtered(lambda p, d=date_end: p.date_end == d)
            for project, amount in Ledger._read_group(
                [
                    ("project_id", "in", periods.project_id.ids),
                    ("status", "=", "actual"),
                    ("kind", "=", "cost"),
                    ("date", "<=", date_end),
                ],
                ["project_id"],
                ["amount:sum"],
            ):
                live[(project.id, date_end)] = amount
        for period in self:
            period.live_cost_to_date = live[(period.project_id.id, period.date_end)]
            period.difference = (
                period.live_cost_to_date - period.cost_to_date if period.state == "closed" else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_start"):
                vals["date_start"] = fields.Date.to_date(vals["date_start"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if not is_internal(self.env):
            closed = self.filtered(lambda p: p.state == "closed")
            if closed and set(vals) - {"message_main_attachment_id"}:
                raise UserError(
                    self.env._(
                        "Period %(name)s is closed: its snapshot cannot change.",
                        name=closed[0].name,
                    )
                )
            if "state" in vals:
                raise UserError(self.env._("A period is closed with its Close button."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        for period in self:
            if period.state == "closed":
                raise UserError(
                    self.env._(
                        "Period %(name)s is closed: it is kept for the record.", name=period.name
                    )
                )

    def action_close(self):
        """Finance freezes the figures of the month (one ledger query for all periods
        of the same month)."""
        if not (self.env.su or self.env.user.has_group("ps_contract.group_ps_finance")):
            raise UserError(self.env._("Only finance closes project months."))
        todo = self.filtered(lambda p: p.state == "open")
        self.env.flush_all()  # the ledger is a view over other models' tables
        Ledger = self.env["ps.project.cost.ledger"].sudo()
        for date_end in {p.date_end for p in todo}:
            periods = todo.filtered(lambda p, d=date_end: p.date_end == d)
            date_start = periods[0].date_start
            rows = Ledger._read_group(
                [
                    ("project_id", "in", periods.project_id.ids),
                    "|",
                    ("date", "<=", date_end),
                    ("status", "!=", "actual"),
                ],
                ["project_id", "category_id", "kind", "status", "date:month"],
                ["amount:sum"],
            )
            figures = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
            for project, category, kind, status, month, amount in rows:
                in_month = bool(month) and fields.Date.to_date(month) == date_start
                cell = figures[project.id][(category.id, kind)]
                cell[status] += amount
                if status == "actual" and in_month:
                    cell["month"] += amount
            contracts = dict(
                (project, (invoiced, collected))
                for project, invoiced, collected in self.env["ps.contract"]
                .sudo()
                ._read_group(
                    [
                        ("project_id", "in", periods.project_id.ids),
                        ("state", "in", ("signed", "execution", "closed")),
                    ],
                    ["project_id"],
                    ["amount_invoiced:sum", "amount_collected:sum"],
                )
            )
            planned = periods.project_id._ps_planned_share(date_end)
            for period in periods:
                cells = figures[period.project_id.id]
                lines = []
                totals = defaultdict(float)
                for (category_id, kind), cell in cells.items():
                    if kind == "revenue":
                        totals["revenue_to_date"] += cell["actual"]
                        totals["revenue_month"] += cell["month"]
                        continue
                    totals["cost_to_date"] += cell["actual"]
                    totals["cost_month"] += cell["month"]
                    totals["committed"] += cell["committed"]
                    totals["budget"] += cell["budget"]
                    lines.append(
                        Command.create(
                            {
                                "category_id": category_id,
                                "budget": cell["budget"],
                                "cost_month": cell["month"],
                                "cost_to_date": cell["actual"],
                                "committed": cell["committed"],
                            }
                        )
                    )
                invoiced, collected = contracts.get(period.project_id, (0.0, 0.0))
                progress = period.project_id.sudo().ps_progress
                currency = period.currency_id
                internal(period).write(
                    {
                        **totals,
                        "progress": progress,
                        "earned_value": currency.round(totals["budget"] * progress / 100.0),
                        "planned_value": currency.round(
                            totals["budget"] * planned.get(period.project_id.id, 0.0)
                        ),
                        "margin_to_date": totals["revenue_to_date"] - totals["cost_to_date"],
                        "invoiced": invoiced,
                        "collected": collected,
                        "line_ids": lines,
                        "state": "closed",
                        "closed_by_id": self.env.user.id,
                        "date_closed": fields.Datetime.now(),
                    }
                )
        return True

    @api.model
    def _cron_create_periods(self):
        """Open last month's period of every active project with an analytic account."""
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        projects = self.env["project.project"].search([("account_id", "!=", False)])
        existing = set(
            self.search(
                [("date_start", "=", month), ("project_id", "in", projects.ids)]
            ).project_id.ids
        )
        self.create(
            [
                {"project_id": project.id, "date_start": month}
                for project in projects
                if project.id not in existing
            ]
        )


class PsProjectPeriodLine(models.Model):
    """Frozen figures of one cost category in a closed month."""

    _name = "ps.project.period.line"
    _description = "Project Monthly Close Line"
    _order = "period_id, category_id"

    period_id = fields.Many2one("ps.project.period", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="period_id.project_id", store=True)
    company_id = fields.Many2one(related="period_id.company_id", store=True)
    currency_id = fields.Many2one(related="period_id.currency_id")
    category_id = fields.Many2one("ps.cost.category", readonly=True)
    budget = fields.Monetary(readonly=True)
    cost_month = fields.Monetary(string="Cost of the Month", readonly=True)
    cost_to_date = fields.Monetary(string="Cost to Date", readonly=True)
    committed = fields.Monetary(readonly=True)
    remaining = fields.Monetary(compute="_compute_remaining")

    def _compute_remaining(self):
        for line in self:
            line.remaining = line.budget - line.cost_to_date - line.committed

    # The lines are the snapshot of a closed month: only the close writes them.
    def _ps_check_snapshot_written_by_close(self):
        if not is_internal(self.env):
            raise UserError(self.env._("The snapshot of a closed month cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        self._ps_check_snapshot_written_by_close()
        return super().create(vals_list)

    def write(self, vals):
        self._ps_check_snapshot_written_by_close()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_snapshot(self):
        self._ps_check_snapshot_written_by_close()
