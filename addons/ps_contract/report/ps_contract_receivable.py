from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.ps_contract import CONTRACT_STATES


class PsContractReceivable(models.Model):
    """Receivables per contract, from Accounting: one row per signed contract
    with its customer, salesperson and delivery project (group by any of them).

    Outstanding is the open residual of the contract's posted customer invoices
    (``account.move.line.amount_residual_currency`` of their receivable items),
    overdue the part of it past the items' due date (``date_maturity``), aged
    in buckets of days past due. So overdue ≤ outstanding always, and a
    terminated contract keeps only its real open invoices. Payment milestones
    due (by date, or by a fired trigger) but not invoiced yet are a separate
    figure, *billable, not invoiced*: nobody owes them until they are invoiced.
    DSO is outstanding over invoiced times the days since the first invoice.
    """

    _name = "ps.contract.receivable"
    _description = "Contract Receivables"
    _auto = False
    _order = "amount_overdue desc, contract_id"
    _depends = {
        "ps.contract": [
            "partner_id",
            "user_id",
            "company_id",
            "currency_id",
            "state",
            "date_signed",
            "amount_total",
            "amount_invoiced",
            "amount_collected",
            "amount_credit",
            "project_id",
            "active",
        ],
        "ps.contract.milestone": [
            "contract_id",
            "amount",
            "amount_invoiced",
            "amount_requested",
            "date_due",
        ],
        "ps.invoice.request": ["contract_id", "move_id"],
        "account.move": ["state", "move_type", "invoice_date"],
        "account.move.line": [
            "move_id",
            "account_id",
            "amount_residual_currency",
            "date_maturity",
            "parent_state",
        ],
    }

    contract_id = fields.Many2one("ps.contract", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True, string="Customer")
    user_id = fields.Many2one("res.users", readonly=True, string="Salesperson")
    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    state = fields.Selection(CONTRACT_STATES, readonly=True)
    date_signed = fields.Date(readonly=True, string="Signed On")
    amount_contracted = fields.Monetary(readonly=True, string="Contracted", aggregator="sum")
    amount_invoiced = fields.Monetary(readonly=True, string="Invoiced", aggregator="sum")
    amount_collected = fields.Monetary(readonly=True, string="Collected", aggregator="sum")
    amount_outstanding = fields.Monetary(readonly=True, string="Outstanding", aggregator="sum")
    amount_credit = fields.Monetary(readonly=True, string="Advances and Credits", aggregator="sum")
    amount_overdue = fields.Monetary(readonly=True, string="Overdue", aggregator="sum")
    amount_billable = fields.Monetary(
        readonly=True,
        string="Billable, Not Invoiced",
        aggregator="sum",
        help="Payment milestones due (their date passed, or their trigger fired) and not "
        "invoiced yet.",
    )
    aging_0_30 = fields.Monetary(readonly=True, string="1-30 Days", aggregator="sum")
    aging_31_60 = fields.Monetary(readonly=True, string="31-60 Days", aggregator="sum")
    aging_61_90 = fields.Monetary(readonly=True, string="61-90 Days", aggregator="sum")
    aging_90_plus = fields.Monetary(readonly=True, string="Over 90 Days", aggregator="sum")
    dso = fields.Float(readonly=True, string="Days Sales Outstanding", aggregator="avg")

    def _query(self):
        def bucket(low, high=None):
            cond = SQL("CURRENT_DATE - l.date_maturity >= %s", low)
            if high is not None:
                cond = SQL("%s AND CURRENT_DATE - l.date_maturity <= %s", cond, high)
            return SQL(
                "COALESCE(SUM(l.amount_residual_currency) FILTER (WHERE "
                "l.amount_residual_currency > 0 AND %s), 0)",
                cond,
            )

        return SQL(
            """
            WITH lines AS (
                SELECT r.contract_id,
                       aml.amount_residual_currency,
                       aml.date_maturity,
                       COALESCE(m.invoice_date, m.date) AS invoice_date
                  FROM ps_invoice_request r
                  JOIN account_move m ON m.id = r.move_id
                  JOIN account_move_line aml ON aml.move_id = m.id
                  JOIN account_account a ON a.id = aml.account_id
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND a.account_type = 'asset_receivable'
            ),
            per_contract AS (
                SELECT l.contract_id,
                       SUM(GREATEST(l.amount_residual_currency, 0)) AS outstanding,
                       COALESCE(SUM(l.amount_residual_currency) FILTER (WHERE
                           l.amount_residual_currency > 0
                           AND l.date_maturity < CURRENT_DATE), 0) AS overdue,
                       %(b1)s AS aging_0_30,
                       %(b2)s AS aging_31_60,
                       %(b3)s AS aging_61_90,
                       %(b4)s AS aging_90_plus,
                       MIN(l.invoice_date) AS first_invoice
                  FROM lines l
                 GROUP BY l.contract_id
            ),
            billable AS (
                SELECT ms.contract_id,
                       SUM(GREATEST(ms.amount - COALESCE(ms.amount_invoiced, 0), 0)) AS amount
                  FROM ps_contract_milestone ms
                 WHERE ms.date_due <= CURRENT_DATE OR COALESCE(ms.amount_requested, 0) > 0
                 GROUP BY ms.contract_id
            )
            SELECT c.id AS id,
                   c.id AS contract_id,
                   c.partner_id,
                   c.user_id,
                   c.project_id,
                   c.company_id,
                   c.currency_id,
                   c.state,
                   c.date_signed,
                   c.amount_total AS amount_contracted,
                   c.amount_invoiced,
                   c.amount_collected,
                   COALESCE(pc.outstanding, 0) AS amount_outstanding,
                   c.amount_credit,
                   COALESCE(pc.overdue, 0) AS amount_overdue,
                   CASE WHEN c.state IN ('signed', 'execution')
                        THEN COALESCE(b.amount, 0) ELSE 0 END AS amount_billable,
                   COALESCE(pc.aging_0_30, 0) AS aging_0_30,
                   COALESCE(pc.aging_31_60, 0) AS aging_31_60,
                   COALESCE(pc.aging_61_90, 0) AS aging_61_90,
                   COALESCE(pc.aging_90_plus, 0) AS aging_90_plus,
                   CASE WHEN c.amount_invoiced > 0 AND pc.first_invoice IS NOT NULL
                        THEN COALESCE(pc.outstanding, 0) / c.amount_invoiced
                             * GREATEST(CURRENT_DATE - pc.first_invoice, 1)
                        ELSE 0 END AS dso
              FROM ps_contract c
              LEFT JOIN per_contract pc ON pc.contract_id = c.id
              LEFT JOIN billable b ON b.contract_id = c.id
             WHERE c.state IN ('signed', 'execution', 'closed', 'terminated')
               AND c.active
            """,
            b1=bucket(1, 30),
            b2=bucket(31, 60),
            b3=bucket(61, 90),
            b4=bucket(91),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
