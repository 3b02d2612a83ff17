from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.ps_expense_finance.report.ps_project_pnl import BUDGET_STATUSES
from odoo.addons.ps_project_wbs.models.ps_spec import PHASES

HEALTH = [("green", "On Track"), ("amber", "At Risk"), ("red", "Critical")]
# Days a project may slip before it is critical (any slip makes it at risk).
RED_SLIP_DAYS = 10


class PsPortfolioReport(models.Model):
    """The portfolio, one row per active project (its id is the project's id).

    A SQL view over the project P&L of ``ps_expense_finance`` and the project's
    schedule roll-ups, with the project's health:

    * red (critical): the cost budget is overrun, or the schedule slipped more
      than ten days past its baseline;
    * amber (at risk): the budget is near its warning threshold, or the schedule
      slipped;
    * green (on track): otherwise.

    Read with ``_read_group`` as the current user: record rules decide which
    projects a figure covers.
    """

    _name = "ps.portfolio.report"
    _description = "Project Portfolio"
    _auto = False
    _order = "phase, project_id"
    _rec_name = "project_id"
    _depends = {
        "project.project": [
            "active",
            "company_id",
            "user_id",
            "partner_id",
            "ps_project_type_id",
            "ps_phase",
            "ps_progress",
            "ps_schedule_variance_days",
        ],
        "ps.contract": [
            "project_id",
            "state",
            "active",
            "amount_total",
            "amount_invoiced",
            "amount_collected",
            "amount_outstanding",
        ],
        "ps.project.budget": ["state", "project_id"],
        "account.analytic.line": ["amount", "account_id", "unit_amount"],
    }

    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Project Manager", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    project_type_id = fields.Many2one("ps.project.type", readonly=True)
    phase = fields.Selection(PHASES, readonly=True)
    health = fields.Selection(HEALTH, readonly=True)
    budget_status = fields.Selection(BUDGET_STATUSES, readonly=True)
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")
    schedule_variance_days = fields.Integer(
        string="Schedule Variance (Days)", readonly=True, aggregator="max"
    )
    budget_cost = fields.Monetary(string="Budget", readonly=True, aggregator="sum")
    actual_cost = fields.Monetary(readonly=True, aggregator="sum")
    committed_cost = fields.Monetary(readonly=True, aggregator="sum")
    revenue_actual = fields.Monetary(string="Revenue", readonly=True, aggregator="sum")
    margin = fields.Monetary(readonly=True, aggregator="sum")
    contract_value = fields.Monetary(readonly=True, aggregator="sum")
    invoiced = fields.Monetary(readonly=True, aggregator="sum")
    collected = fields.Monetary(readonly=True, aggregator="sum")
    outstanding = fields.Monetary(readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT pnl.id AS id,
                   pnl.project_id,
                   pnl.company_id,
                   pnl.currency_id,
                   pnl.user_id,
                   pnl.partner_id,
                   pnl.project_type_id,
                   pnl.phase,
                   CASE WHEN pnl.budget_status = 'over'
                             OR COALESCE(p.ps_schedule_variance_days, 0) > %(red_slip)s
                        THEN 'red'
                        WHEN pnl.budget_status = 'near'
                             OR COALESCE(p.ps_schedule_variance_days, 0) > 0
                        THEN 'amber'
                        ELSE 'green' END AS health,
                   pnl.budget_status,
                   COALESCE(p.ps_progress, 0) AS progress,
                   COALESCE(p.ps_schedule_variance_days, 0) AS schedule_variance_days,
                   pnl.budget_cost,
                   pnl.actual_cost,
                   pnl.committed_cost,
                   pnl.revenue_actual,
                   pnl.margin,
                   pnl.contract_value,
                   pnl.invoiced,
                   pnl.collected,
                   COALESCE(rec.outstanding, 0) AS outstanding
              FROM ps_project_pnl pnl
              JOIN project_project p ON p.id = pnl.project_id
              -- what customers still owe on the project's contracts' posted
              -- invoices (their open residuals in Accounting)
              LEFT JOIN (
                  SELECT project_id, SUM(amount_outstanding) AS outstanding
                    FROM ps_contract
                   WHERE project_id IS NOT NULL AND active
                     AND state IN ('signed', 'execution', 'closed')
                   GROUP BY project_id
              ) rec ON rec.project_id = pnl.project_id
             WHERE p.active
            """,
            red_slip=RED_SLIP_DAYS,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def action_open_project(self):
        """The project's own page (WBS, milestones, deliverables, risks, documents)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": self.project_id.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_pnl(self):
        """The project's P&L (budget, actual, committed, EAC)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.project.pnl",
            "res_id": self.project_id.id,
            "views": [(False, "form")],
            "target": "current",
        }
