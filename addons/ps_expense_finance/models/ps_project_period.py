import logging
import threading
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, split_every

from odoo.addons.ps_base.internal import internal, is_internal

_logger = logging.getLogger(__name__)

PERIOD_STATES = [("open", "Open"), ("closed", "Closed")]
# The snapshot figures of a period (zeroed when finance reopens it).
SNAPSHOT_FIELDS = (
    "cost_month", "cost_to_date", "revenue_month", "revenue_to_date", "committed", "budget",
    "margin_to_date", "invoiced", "collected", "progress", "planned_value", "earned_value",
    "recognised_to_date", "recognised_month", "wip", "deferred_revenue",
)  # fmt: skip
# Periods closed per batch by the bulk close (one transaction each in the cron).
CLOSE_BATCH_SIZE = 1000


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
    end (a snapshot per cost category and in total) and locks the project up to
    that day, as Accounting's lock date locks a company: no timesheet, expense,
    payment request or posted cost dated on or before the end of a closed month
    is recorded, changed or deleted (see ``_ps_check_month_open``), so the
    snapshot stays what the live figures say. Finance reopens a month with a
    reason; closing it again takes a new snapshot."""

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
    # Revenue recognised (percent of completion, see the P&L): to date with the
    # progress at the close, of the month (to date minus the project's previous
    # closed month), and what it leaves at the month's end against the revenue
    # invoiced (revenue to date, untaxed, from Accounting).
    recognised_to_date = fields.Monetary(
        string="Recognised Revenue to Date",
        readonly=True,
        help="The contracts' untaxed value times the work done when the month was closed.",
    )
    recognised_month = fields.Monetary(
        string="Recognised Revenue of the Month",
        readonly=True,
        help="Recognised to date minus what the project's previous closed month recognised.",
    )
    wip = fields.Monetary(
        string="Work in Progress (WIP)",
        readonly=True,
        help="Recognised and not invoiced at the month's end.",
    )
    deferred_revenue = fields.Monetary(
        readonly=True, help="Invoiced ahead of the work at the month's end."
    )
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
        """Finance freezes the figures of the month (see ``_ps_close``)."""
        self._ps_check_finance(self.env._("Only finance closes project months."))
        self._ps_close()
        return True

    def action_open_reopen_wizard(self):
        self._ps_check_finance(self.env._("Only finance reopens project months."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen the Month"),
            "res_model": "ps.project.period.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_ids": self.ids},
        }

    def _ps_check_finance(self, message):
        if not (self.env.su or self.env.user.has_group("ps_contract.group_ps_finance")):
            raise UserError(message)

    def _ps_close(self):
        """Snapshot and close the open periods of ``self``, set-based: whatever
        the number of periods, one ledger query, one planned-share query and
        one recognised-revenue query per month of the selection, one query for
        the contracts, one for the progress and one for the revenue each
        project's previous closed month recognised, one insert of the snapshot
        lines and one update of the periods. No chatter message per period:
        who closed it and when are on the period (``closed_by_id``,
        ``date_closed``); reopening is tracked."""
        if not self:
            return
        self.env.flush_all()  # the ledger is a view over other models' tables
        # Lock the open periods: two closes of the same month at once would
        # both insert snapshot lines (the second waits, then fails to serialize
        # and is retried: it finds them closed).
        self.env.cr.execute(
            SQL(
                "SELECT id FROM ps_project_period WHERE id IN %s AND state = 'open' "
                "ORDER BY id FOR UPDATE",
                tuple(self.ids),
            )
        )
        todo = self.browse(row[0] for row in self.env.cr.fetchall())
        if not todo:
            return
        # As superuser: finance closes projects it does not follow, and the
        # snapshot holds every figure of the project, whoever reads it later.
        projects = todo.project_id.sudo()
        contracts = {
            project.id: (invoiced, collected)
            for project, invoiced, collected in self.env["ps.contract"]
            .sudo()
            ._read_group(
                [
                    ("project_id", "in", projects.ids),
                    ("state", "in", ("signed", "execution", "closed")),
                ],
                ["project_id"],
                ["amount_invoiced:sum", "amount_collected:sum"],
            )
        }
        progress = dict(zip(projects.ids, projects.mapped("ps_progress"), strict=True))
        # what each project's last closed month before these recognised
        self.env.cr.execute(
            SQL(
                """
                SELECT t.id, prev.recognised_to_date
                  FROM ps_project_period t
                  JOIN LATERAL (
                       SELECT c.recognised_to_date FROM ps_project_period c
                        WHERE c.project_id = t.project_id AND c.state = 'closed'
                          AND c.date_start < t.date_start
                     ORDER BY c.date_start DESC LIMIT 1
                  ) prev ON TRUE
                 WHERE t.id IN %s
                """,
                tuple(todo.ids),
            )
        )
        previous = {pid: float(value or 0.0) for pid, value in self.env.cr.fetchall()}
        # by company, not through each period's related currency (computed per record)
        currencies = {company.id: company.currency_id for company in todo.company_id}
        by_month = defaultdict(list)
        for period in todo:
            by_month[(period.date_start, period.date_end)].append(period)
        snapshots, line_vals = {}, []
        for (date_start, date_end), periods in by_month.items():
            project_ids = [period.project_id.id for period in periods]
            figures = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
            # The ledger view, read by SQL (the ORM would build a record per
            # row): what is committed or budgeted, and what is actual by the
            # month's end, with the month's own share of it.
            self.env.cr.execute(
                SQL(
                    """
                    SELECT project_id, category_id, kind, status, SUM(amount),
                           SUM(amount) FILTER (WHERE status = 'actual' AND date >= %(start)s)
                      FROM ps_project_cost_ledger
                     WHERE project_id IN %(projects)s
                       AND (date <= %(end)s OR status != 'actual')
                  GROUP BY 1, 2, 3, 4
                    """,
                    start=date_start,
                    end=date_end,
                    projects=tuple(project_ids),
                )
            )
            for project_id, category_id, kind, status, amount, month in self.env.cr.fetchall():
                cell = figures[project_id][(category_id, kind)]
                cell[status] += float(amount or 0.0)
                cell["month"] += float(month or 0.0)
            planned = projects.browse(project_ids)._ps_planned_share(date_end)
            recognised = projects.browse(project_ids)._ps_recognised_to_date()
            for period in periods:
                project_id = period.project_id.id
                totals = dict.fromkeys(SNAPSHOT_FIELDS, 0.0)
                for (category_id, kind), cell in figures[project_id].items():
                    if kind == "revenue":
                        totals["revenue_to_date"] += cell["actual"]
                        totals["revenue_month"] += cell["month"]
                        continue
                    totals["cost_to_date"] += cell["actual"]
                    totals["cost_month"] += cell["month"]
                    totals["committed"] += cell["committed"]
                    totals["budget"] += cell["budget"]
                    line_vals.append(
                        {
                            "period_id": period.id,
                            "category_id": category_id,
                            "budget": cell["budget"],
                            "cost_month": cell["month"],
                            "cost_to_date": cell["actual"],
                            "committed": cell["committed"],
                        }
                    )
                currency = currencies[period.company_id.id]
                done = progress.get(project_id, 0.0)
                totals.update(
                    progress=done,
                    earned_value=currency.round(totals["budget"] * done / 100.0),
                    planned_value=currency.round(totals["budget"] * planned.get(project_id, 0.0)),
                    margin_to_date=totals["revenue_to_date"] - totals["cost_to_date"],
                    invoiced=contracts.get(project_id, (0.0, 0.0))[0],
                    collected=contracts.get(project_id, (0.0, 0.0))[1],
                )
                to_date = recognised.get(project_id, 0.0)
                invoiced = currency.round(totals["revenue_to_date"])
                totals.update(
                    recognised_to_date=to_date,
                    recognised_month=currency.round(to_date - previous.get(period.id, 0.0)),
                    wip=max(to_date - invoiced, 0.0),
                    deferred_revenue=max(invoiced - to_date, 0.0),
                )
                snapshots[period.id] = totals
        todo._ps_insert_snapshot_lines(line_vals)
        todo._ps_write_snapshots(snapshots)

    def _ps_insert_snapshot_lines(self, line_vals):
        """Insert the snapshot lines ``line_vals`` in one INSERT (an ORM create
        converts each amount with its currency, one line at a time: most of the
        close's time at 10,000 projects)."""
        Line = self.env["ps.project.period.line"]
        if line_vals:
            names = ("category_id", "budget", "cost_month", "cost_to_date", "committed")
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO ps_project_period_line
                           (period_id, project_id, company_id, %(columns)s,
                            create_uid, create_date, write_uid, write_date)
                    SELECT v.period_id, p.project_id, p.company_id, %(values)s,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(period_ids)s::int[], %(category_ids)s::int[],
                                  %(budget)s::numeric[], %(cost_month)s::numeric[],
                                  %(cost_to_date)s::numeric[], %(committed)s::numeric[])
                           AS v (period_id, %(columns)s)
                      JOIN ps_project_period p ON p.id = v.period_id
                    """,
                    columns=SQL(", ").join(SQL.identifier(name) for name in names),
                    values=SQL(", ").join(SQL("v.%s", SQL.identifier(name)) for name in names),
                    uid=self.env.uid,
                    now=fields.Datetime.now(),
                    period_ids=[vals["period_id"] for vals in line_vals],
                    category_ids=[vals["category_id"] or None for vals in line_vals],
                    **{name: [vals[name] for vals in line_vals] for name in names[1:]},
                )
            )
        Line.invalidate_model()
        self.invalidate_recordset(["line_ids"])

    def _ps_write_snapshots(self, snapshots):
        """Write the snapshots ``{period id: {field: value}}`` and close the
        periods in one UPDATE (an ORM write would issue one per period, as
        their figures differ; and track each period's state for no reader)."""
        ids = self.ids
        self.env.cr.execute(
            SQL(
                """
                UPDATE ps_project_period p
                   SET %(sets)s, state = 'closed', closed_by_id = %(uid)s,
                       date_closed = %(now)s, write_uid = %(uid)s, write_date = %(now)s
                  FROM unnest(%(arrays)s) AS v (id, %(columns)s)
                 WHERE p.id = v.id
                """,
                sets=SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in SNAPSHOT_FIELDS
                ),
                uid=self.env.uid,
                now=fields.Datetime.now(),
                arrays=SQL(", ").join(
                    [SQL("%s::int[]", ids)]
                    + [
                        SQL("%s::numeric[]", [snapshots[i][name] for i in ids])
                        for name in SNAPSHOT_FIELDS
                    ]
                ),
                columns=SQL(", ").join(SQL.identifier(name) for name in SNAPSHOT_FIELDS),
            )
        )
        names = [*SNAPSHOT_FIELDS, "state", "closed_by_id", "date_closed", "write_uid"]
        self.invalidate_recordset([*names, "write_date"])
        self.modified(names)

    def _ps_reopen(self, reason):
        """Finance reopens closed months with a reason, kept in their chatter:
        their snapshot is dropped (the next close takes a new one) and their
        days can be booked again. A month cannot be reopened while a later
        month of its project stays closed (its snapshot counts these days)."""
        self._ps_check_finance(self.env._("Only finance reopens project months."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the month is reopened."))
        closed = self.filtered(lambda p: p.state == "closed")
        # As superuser: a later month may be one finance does not see (another company).
        later = (
            self.sudo()
            .search(
                [
                    ("project_id", "in", closed.project_id.ids),
                    ("state", "=", "closed"),
                    ("id", "not in", closed.ids),
                ]
            )
            .filtered(
                lambda other: any(
                    p.project_id == other.project_id and p.date_start < other.date_start
                    for p in closed
                )
            )
        )
        if later:
            raise UserError(
                self.env._(
                    "%(later)s is closed: reopen it first, or together with the earlier "
                    "months (its snapshot counts their costs).",
                    later=later[0].name,
                )
            )
        internal(closed.line_ids).unlink()
        internal(closed).write(
            {
                **dict.fromkeys(SNAPSHOT_FIELDS, 0.0),
                "state": "open",
                "closed_by_id": False,
                "date_closed": False,
            }
        )
        for period in closed:
            period.message_post(
                body=self.env._("Month reopened: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _ps_check_month_open(self, facts):
        """Refuse facts dated in a closed month of their project, as
        Accounting's lock date refuses entries on or before it: a month's
        snapshot counts every cost up to its end, so a project is locked up to
        the end of its last closed month. ``facts`` are (project id, analytic
        account id, date) triples (either id may be empty: a timesheet has a
        project, a journal item's analytic line an account). Only the suite's
        own flows (``internal()``) pass; superuser code does not, as a cron
        posting into a closed month would change a frozen month all the same."""
        facts = {(p or None, a or None, d) for p, a, d in facts if d and (p or a)}
        if not facts or is_internal(self.env):
            return
        self.env["project.project"].flush_model(["account_id"])
        self.flush_model(["project_id", "state", "date_end"])
        self.env.cr.execute(
            SQL(
                """
                SELECT f.day, p.id, per.id
                  FROM (VALUES %(facts)s) AS f (project_id, account_id, day)
                  JOIN project_project p
                    ON p.id = f.project_id OR p.account_id = f.account_id
                  JOIN LATERAL (
                       SELECT c.id FROM ps_project_period c
                        WHERE c.project_id = p.id AND c.state = 'closed' AND c.date_end >= f.day
                     ORDER BY c.date_end LIMIT 1
                  ) per ON TRUE
                 LIMIT 1
                """,
                facts=SQL(", ").join(
                    SQL("(%s::int, %s::int, %s::date)", p, a, d) for p, a, d in facts
                ),
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return
        day, project_id, period_id = row
        # As superuser: the names of a project and a period the user may not read.
        period = self.sudo().browse(period_id)
        raise UserError(
            self.env._(
                "Project %(project)s is closed up to %(end)s (monthly close %(period)s): "
                "nothing dated %(day)s can be recorded, changed or deleted. Date it in an "
                "open month, or ask finance to reopen the month.",
                project=self.env["project.project"].sudo().browse(project_id).name,
                end=format_date(self.env, period.date_end),
                period=period.name,
                day=format_date(self.env, day),
            )
        )

    @api.model
    def _cron_close_periods(self, batch_size=CLOSE_BATCH_SIZE):
        """Close every open period whose month has ended, ``batch_size`` at a
        time. Outside tests each batch is committed with its progress
        (``_notify_progress``): a run that stops (crash, time limit) has kept
        the batches it closed, and the next run closes the periods still open."""
        today = fields.Date.context_today(self)
        periods = self.search(
            [("state", "=", "open"), ("date_end", "<", today)], order="date_start, id"
        )
        periods._ps_close_in_batches(
            batch_size, commit=not getattr(threading.current_thread(), "testing", False)
        )

    def _ps_close_in_batches(self, batch_size=CLOSE_BATCH_SIZE, commit=False):
        """Close ``self`` ``batch_size`` periods at a time, reporting the progress
        to the running cron, and committing each batch when ``commit``."""
        done, total = 0, len(self)
        for batch in split_every(batch_size, self.ids, self.browse):
            batch._ps_close()
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            _logger.info("Monthly close: %s periods closed, %s to go", done, total - done)
            self.env.invalidate_all()  # keep the cache of a long run small

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
