from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.ps_project_wbs.models.ps_spec import PHASES

BUDGET_STATUSES = [
    ("none", "No Budget"),
    ("under", "Under Budget"),
    ("near", "Near Budget"),
    ("over", "Over Budget"),
]


class PsProjectPnl(models.Model):
    """Project P&L, one row per project (its id is the project's id), as a SQL view.

    Contract value, invoiced and collected come from the project's signed
    contracts; revenue and costs from the cost ledger (actual = posted, committed
    = not posted yet); the budget from the approved budget version. Estimate at
    completion (EAC) is actual + committed + remaining planned labour (planned
    minus spent hours at the project's labour rate: its timesheet cost per hour,
    else the company's average employee cost).

    Earned value, the standard way: BAC is the approved cost budget; progress is
    work done (project.project.ps_progress, not hours burnt); EV = progress x BAC;
    PV = BAC x the share of the work the baseline schedule plans done by today;
    AC = actual cost. CPI = EV / AC, SPI = EV / PV, EAC = BAC / CPI (and
    AC + BAC - EV), ETC = EAC - AC, VAC = BAC - EAC, TCPI = (BAC - EV) / (BAC - AC).
    A ratio whose divisor is zero (or, for TCPI, a budget already spent) is 0.

    Revenue (issue 16): actual revenue is what Accounting invoiced, untaxed
    (the posted customer invoices net of credit notes on the project's analytic
    account, in the company's currency); recognised revenue is what the work
    earned to date under the billing model's rule. Fixed price, the only model
    today: percent of completion, the signed contracts' untaxed value times the
    work done (``project.project._ps_recognition_base_query``; time and
    materials, issue 19, adds its term there). WIP = recognised - invoiced and
    deferred revenue = invoiced - recognised, each when positive; the margin on
    recognised revenue sits next to the margin on invoiced revenue (``margin``).

    A list of all projects is one query whatever the number of projects.
    """

    _name = "ps.project.pnl"
    _description = "Project P&L"
    _auto = False
    _order = "consumed_pct desc, project_id"
    _rec_name = "project_id"

    project_id = fields.Many2one("project.project", readonly=True)
    active = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Project Manager", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    project_type_id = fields.Many2one("ps.project.type", readonly=True)
    phase = fields.Selection(PHASES, readonly=True)
    contract_value = fields.Monetary(readonly=True, aggregator="sum")
    invoiced = fields.Monetary(readonly=True, aggregator="sum")
    collected = fields.Monetary(readonly=True, aggregator="sum")
    revenue_budget = fields.Monetary(readonly=True, aggregator="sum")
    revenue_actual = fields.Monetary(string="Actual Revenue", readonly=True, aggregator="sum")
    actual_cost = fields.Monetary(readonly=True, aggregator="sum")
    committed_cost = fields.Monetary(readonly=True, aggregator="sum")
    budget_cost = fields.Monetary(string="Cost Budget", readonly=True, aggregator="sum")
    remaining = fields.Monetary(string="Remaining Budget", readonly=True, aggregator="sum")
    consumed_pct = fields.Float(string="Budget Used (%)", readonly=True, aggregator="avg")
    budget_status = fields.Selection(BUDGET_STATUSES, readonly=True)
    margin = fields.Monetary(
        string="Margin on Invoiced",
        readonly=True,
        aggregator="sum",
        help="Actual revenue (invoiced, untaxed) minus actual cost.",
    )
    margin_pct = fields.Float(string="Margin on Invoiced (%)", readonly=True, aggregator="avg")
    recognised_pct = fields.Float(
        string="Recognised (%)",
        readonly=True,
        aggregator="avg",
        help="The share of the contracts' value earned: work done, capped at 100 %; 100 % "
        "once the closure is approved.",
    )
    recognised_revenue = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="Revenue earned to date, percent of completion: the untaxed value of the "
        "signed contracts (in the company's currency) times the recognised percentage.",
    )
    wip = fields.Monetary(
        string="Work in Progress (WIP)",
        readonly=True,
        aggregator="sum",
        help="Revenue recognised and not invoiced yet (recognised minus actual revenue, "
        "when positive).",
    )
    deferred_revenue = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="Invoiced ahead of the work (actual revenue minus recognised, when positive).",
    )
    margin_recognised = fields.Monetary(
        string="Margin on Recognised",
        readonly=True,
        aggregator="sum",
        help="Recognised revenue minus actual cost.",
    )
    margin_recognised_pct = fields.Float(
        string="Margin on Recognised (%)", readonly=True, aggregator="avg"
    )
    planned_hours = fields.Float(readonly=True, aggregator="sum")
    spent_hours = fields.Float(readonly=True, aggregator="sum")
    remaining_hours = fields.Float(readonly=True, aggregator="sum")
    labour_rate = fields.Monetary(string="Labour Cost per Hour", readonly=True, aggregator="avg")
    remaining_labour = fields.Monetary(readonly=True, aggregator="sum")
    eac = fields.Monetary(string="Estimate at Completion", readonly=True, aggregator="sum")
    margin_eac = fields.Monetary(string="Margin at Completion", readonly=True, aggregator="sum")
    margin_eac_pct = fields.Float(string="Margin at Completion %", readonly=True)
    progress = fields.Float(
        string="Progress (%)", readonly=True, aggregator="avg", help="Work done, not hours burnt."
    )
    hours_burn = fields.Float(
        string="Hours Burn (%)",
        readonly=True,
        aggregator="avg",
        help="Spent over planned hours: burning hours is not progress.",
    )
    planned_value = fields.Monetary(
        string="Planned Value (PV)",
        readonly=True,
        aggregator="sum",
        help="The budget of the work the baseline schedule plans done by today.",
    )
    earned_value = fields.Monetary(
        string="Earned Value (EV)",
        readonly=True,
        aggregator="sum",
        help="Progress (work done) times the approved cost budget (BAC).",
    )
    cpi = fields.Float(
        string="CPI",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Cost performance index: earned value over actual cost (0 without cost).",
    )
    spi = fields.Float(
        string="SPI",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Schedule performance index: earned value over planned value (0 without a baseline).",
    )
    eac_cpi = fields.Monetary(
        string="EAC (BAC / CPI)",
        readonly=True,
        aggregator="sum",
        help="Estimate at completion if the cost performance so far goes on (0 while "
        "there is no CPI).",
    )
    eac_alt = fields.Monetary(
        string="EAC (AC + BAC - EV)",
        readonly=True,
        aggregator="sum",
        help="Estimate at completion if the rest of the work costs what was budgeted.",
    )
    etc = fields.Monetary(
        string="Estimate to Complete (ETC)",
        readonly=True,
        aggregator="sum",
        help="EAC (BAC / CPI) minus actual cost.",
    )
    vac = fields.Monetary(
        string="Variance at Completion (VAC)",
        readonly=True,
        aggregator="sum",
        help="Budget minus EAC (BAC / CPI): negative when the project will overrun.",
    )
    tcpi = fields.Float(
        string="TCPI",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="To-complete performance index: the cost performance the rest of the work "
        "needs to finish on budget, (BAC - EV) / (BAC - AC); 0 once the budget is spent.",
    )

    @api.depends("project_id")
    def _compute_display_name(self):
        # A P&L row is named after its project. Its own rules decide who reads
        # the row; finance has no right on projects, and the form's title (this
        # name) raised an access error on Project for them. sudo: the name only.
        for pnl in self:
            pnl.display_name = pnl.project_id.sudo().display_name

    def _query(self, plan=None):
        """The view's query; ``plan`` replaces the subquery of the baseline's
        planned share of project ``p`` as of today (benchmarks compare)."""
        Project = self.env["project.project"]
        if plan is None:
            # correlated with the project row: computed for the rows read only
            plan = SQL(
                "SELECT q.share FROM (%s) q",
                self.env["project.project"]._ps_planned_share_query(
                    SQL("CURRENT_DATE"), SQL("t.project_id = p.id")
                ),
            )
        return SQL(
            """
    -- No WITH here: PostgreSQL never flattens a view with a WITH into
    -- the query that reads it, so a record rule's semi-join could not
    -- filter the projects before their sums, and every column (the
    -- planned share too) was computed for every row before the ORDER
    -- BY ... LIMIT of a list page.
    SELECT t.id AS id,
           t.id AS project_id,
           t.active,
           t.company_id,
           (SELECT rc.currency_id FROM res_company rc WHERE rc.id = t.currency_company_id)
               AS currency_id,
           t.user_id,
           t.partner_id,
           t.ps_project_type_id AS project_type_id,
           t.ps_phase AS phase,
           t.contract_value,
           t.invoiced,
           t.collected,
           t.revenue_budget,
           t.revenue_actual,
           t.actual_cost,
           t.committed_cost,
           t.budget_cost,
           t.remaining,
           t.consumed_pct,
           CASE WHEN t.budget_cost <= 0 THEN 'none'
                WHEN t.consumed_pct >= t.overrun_pct THEN 'over'
                WHEN t.consumed_pct >= t.warning_pct THEN 'near'
                ELSE 'under' END AS budget_status,
           t.revenue_actual - t.actual_cost AS margin,
           CASE WHEN t.revenue_actual <> 0
                THEN (t.revenue_actual - t.actual_cost) / t.revenue_actual * 100
                ELSE 0 END AS margin_pct,
           t.recognised_pct,
           t.recognised_revenue,
           GREATEST(t.recognised_revenue - t.revenue_actual, 0) AS wip,
           GREATEST(t.revenue_actual - t.recognised_revenue, 0) AS deferred_revenue,
           t.recognised_revenue - t.actual_cost AS margin_recognised,
           CASE WHEN t.recognised_revenue <> 0
                THEN (t.recognised_revenue - t.actual_cost) / t.recognised_revenue * 100
                ELSE 0 END AS margin_recognised_pct,
           t.planned_hours,
           t.spent_hours,
           t.remaining_hours,
           t.labour_rate,
           t.remaining_labour,
           t.eac,
           t.revenue_budget - t.eac AS margin_eac,
           CASE WHEN t.revenue_budget <> 0
                THEN (t.revenue_budget - t.eac) / t.revenue_budget * 100
                ELSE 0 END AS margin_eac_pct,
           t.progress,
           t.hours_burn,
           t.planned_value,
           t.earned_value,
           CASE WHEN t.actual_cost > 0 THEN t.earned_value / t.actual_cost
                ELSE 0 END AS cpi,
           CASE WHEN t.planned_value > 0 THEN t.earned_value / t.planned_value
                ELSE 0 END AS spi,
           t.eac_cpi,
           t.actual_cost + t.budget_cost - t.earned_value AS eac_alt,
           CASE WHEN t.eac_cpi > 0 THEN t.eac_cpi - t.actual_cost ELSE 0 END AS etc,
           CASE WHEN t.eac_cpi > 0 THEN t.budget_cost - t.eac_cpi ELSE 0 END AS vac,
           CASE WHEN t.budget_cost - t.actual_cost > 0
                THEN (t.budget_cost - t.earned_value) / (t.budget_cost - t.actual_cost)
                ELSE 0 END AS tcpi
      FROM (
            SELECT figures.*,
                   figures.remaining_hours * figures.labour_rate AS remaining_labour,
                   figures.actual_cost + figures.committed_cost
                       + figures.remaining_hours * figures.labour_rate AS eac,
                   -- BAC / CPI = BAC x AC / EV, when both exist
                   CASE WHEN figures.earned_value > 0 AND figures.actual_cost > 0
                        THEN figures.budget_cost * figures.actual_cost
                             / figures.earned_value
                        ELSE 0 END AS eac_cpi
              FROM (
                SELECT base.*,
                       base.budget_cost - base.actual_cost - base.committed_cost AS remaining,
                       CASE WHEN base.budget_cost > 0
                            THEN (base.actual_cost + base.committed_cost)
                                 / base.budget_cost * 100
                            ELSE 0 END AS consumed_pct,
                       GREATEST(base.planned_hours - base.spent_hours, 0) AS remaining_hours,
                       base.budget_cost * base.progress / 100 AS earned_value,
                       -- revenue recognised to date, percent of completion
                       -- (see project.project._ps_recognition_base_query)
                       base.recognition_base * base.recognised_pct / 100
                           AS recognised_revenue,
                       base.budget_cost * base.planned_share AS planned_value
                  FROM (
                    SELECT p.id,
                           p.active,
                           p.company_id,
                           COALESCE(p.company_id, acc.company_id, (SELECT MIN(id) FROM res_company))
                               AS currency_company_id,
                           p.user_id,
                           p.partner_id,
                           p.ps_project_type_id,
                           p.ps_phase,
                           COALESCE(p.ps_budget_warning_pct, 80) AS warning_pct,
                           COALESCE(p.ps_budget_overrun_pct, 100) AS overrun_pct,
                           COALESCE(c.value, 0) AS contract_value,
                           COALESCE(c.invoiced, 0) AS invoiced,
                           COALESCE(c.collected, 0) AS collected,
                           COALESCE(l.revenue_amount, c.value_untaxed, 0) AS revenue_budget,
                           COALESCE(l.revenue, 0) AS revenue_actual,
                           COALESCE(l.actual, 0) AS actual_cost,
                           COALESCE(l.committed, 0) AS committed_cost,
                           COALESCE(l.budget, 0) AS budget_cost,
                           COALESCE(p.ps_progress, 0) AS progress,
                           COALESCE(c.recognisable, 0) AS recognition_base,
                           %(recognised_pct)s AS recognised_pct,
                           COALESCE(p.ps_hours_burn, 0) AS hours_burn,
                           COALESCE((%(plan)s), 0) AS planned_share,
                           COALESCE(p.ps_planned_hours, 0) AS planned_hours,
                           COALESCE(p.ps_spent_hours, 0) AS spent_hours,
                           CASE WHEN COALESCE(p.ps_spent_hours, 0) > 0
                                AND COALESCE(l.labour, 0) > 0
                                THEN l.labour / p.ps_spent_hours
                                ELSE COALESCE(r.rate, 0) END AS labour_rate
                      FROM project_project p
                 LEFT JOIN account_analytic_account acc ON acc.id = p.account_id
                      -- The project's sums, each the cost ledger's (same rows,
                      -- same amounts) for this project only, correlated with the
                      -- project row: a page of projects or a manager's projects
                      -- sums their own facts, not the firm's whole history. Few
                      -- joins: with the ORM's ORDER BY project (a join), the
                      -- portfolio's and a record rule's semi-join, they stay
                      -- within PostgreSQL's join_collapse_limit (8), so the
                      -- planner filters the projects before summing. (The
                      -- ledger's join to the company of each line, a required
                      -- field, keeps every line: left out here.)
                 LEFT JOIN LATERAL (
                        -- actual: the analytic lines of the project's account.
                        -- An aggregate (one row): PostgreSQL leaves the join
                        -- out of the queries that read none of its sums.
                        SELECT SUM(-aal.amount) FILTER (WHERE NOT k.is_revenue) AS actual,
                               SUM(aal.amount) FILTER (WHERE k.is_revenue) AS revenue,
                               SUM(CASE WHEN k.is_revenue THEN aal.amount
                                        ELSE -aal.amount END)
                                   FILTER (WHERE aal.project_id IS NOT NULL
                                             AND aal.move_line_id IS NULL) AS labour,
                               -- committed: expense claims not posted yet,
                               -- payment requests
                               (SELECT SUM(x.amount)
                                  FROM (
                                    SELECT e.total_amount - COALESCE(e.tax_amount, 0) AS amount
                                      FROM hr_expense e
                                 LEFT JOIN hr_expense_sheet s ON s.id = e.sheet_id
                                     WHERE e.ps_project_id = p.id
                                       AND (s.id IS NULL
                                            OR s.state IN ('draft', 'submit', 'approve'))
                                    UNION ALL
                                    SELECT pr.amount
                                      FROM ps_payment_request pr
                                 LEFT JOIN account_move m ON m.id = pr.move_id
                                     WHERE pr.project_id = p.id
                                       AND (pr.state IN ('submitted', 'approved')
                                            OR (pr.state = 'billed'
                                                AND (m.id IS NULL OR m.state = 'draft')))
                                  ) x) AS committed,
                               -- budget: the lines of the approved budget version
                               (SELECT SUM(bl.amount)
                                  FROM ps_project_budget bb
                                  JOIN res_company bc ON bc.id = bb.company_id
                                  JOIN ps_project_budget_line bl ON bl.budget_id = bb.id
                                 WHERE bb.project_id = p.id AND bb.state = 'approved') AS budget,
                               -- the approved version's revenue
                               (SELECT b.revenue_amount
                                  FROM ps_project_budget b
                                 WHERE b.project_id = p.id AND b.state = 'approved'
                                 ORDER BY b.id DESC
                                 LIMIT 1) AS revenue_amount
                          FROM account_analytic_line aal
                     LEFT JOIN account_account ga ON ga.id = aal.general_account_id
                    CROSS JOIN LATERAL (
                            SELECT COALESCE(ga.account_type IN ('income', 'income_other'),
                                            FALSE) AS is_revenue
                        ) k
                         WHERE aal.account_id = p.account_id
                           AND (aal.general_account_id IS NULL
                                OR ga.account_type IN ('income', 'income_other', 'expense',
                                                       'expense_depreciation',
                                                       'expense_direct_cost'))
                      ) l ON TRUE
                      -- the signed contracts
                 LEFT JOIN LATERAL (
                        SELECT SUM(ct.amount_total) AS value,
                               SUM(ct.amount_untaxed) AS value_untaxed,
                               SUM(ct.amount_invoiced) AS invoiced,
                               SUM(ct.amount_collected) AS collected,
                               -- untaxed, in the company's currency: what
                               -- percent of completion recognises (the same
                               -- as _ps_recognition_base_query, in this scan;
                               -- stored: a rate looked up per contract here
                               -- made PostgreSQL sum every project's lines
                               -- before a record rule's filter)
                               SUM(ct.ps_amount_untaxed_company) AS recognisable
                          FROM ps_contract ct
                         WHERE ct.project_id = p.id AND ct.active
                           AND ct.state IN ('signed', 'execution', 'closed')
                      ) c ON TRUE
                 LEFT JOIN (
                        SELECT company_id, AVG(hourly_cost) AS rate
                          FROM hr_employee
                         WHERE active AND hourly_cost > 0
                         GROUP BY company_id
                      ) r
                        ON r.company_id = COALESCE(p.company_id, acc.company_id,
                                                   (SELECT MIN(id) FROM res_company))
                  ) base
              ) figures
      ) t
            """,
            plan=plan,
            recognised_pct=Project._ps_recognised_share_sql(SQL("p")),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def action_open_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_expense_finance.ps_project_cost_ledger_action"
        )
        action["domain"] = [("project_id", "=", self.project_id.id)]
        action["context"] = {"search_default_group_status": 1, "search_default_group_category": 1}
        return action

    def action_open_ev_curve(self):
        """The project's S-curve: planned value, earned value and actual cost by
        closed month."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_expense_finance.ps_project_ev_curve_action"
        )
        action["domain"] = [("project_id", "=", self.project_id.id)]
        action["display_name"] = self.env._("S-Curve of %(project)s", project=self.display_name)
        return action

    def action_new_expense(self):
        """File an expense claim for this project."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Expense"),
            "res_model": "hr.expense",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_ps_project_id": self.project_id.id},
        }

    def action_new_payment_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Payment Request"),
            "res_model": "ps.payment.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_project_id": self.project_id.id},
        }

    def action_open_budgets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ps_expense_finance.ps_project_budget_action"
        )
        action["domain"] = [("project_id", "=", self.project_id.id)]
        action["context"] = {"default_project_id": self.project_id.id}
        return action
