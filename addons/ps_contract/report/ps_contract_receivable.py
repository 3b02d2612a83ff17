from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.ps_contract import CONTRACT_STATES


class PsContractReceivable(models.Model):
    """Receivables per contract: contracted, invoiced, collected, outstanding,
    overdue with aging buckets and days sales outstanding.

    A SQL view over the stored contract figures and the payment milestones, so
    lists, pivots and dashboards read it in one query whatever the volume.
    Overdue is the part of payment milestones past their due date that finance
    has not confirmed as collected; the buckets age it by days past due. DSO is
    outstanding over invoiced times the days since signature.
    """

    _name = "ps.contract.receivable"
    _description = "Contract Receivables"
    _auto = False
    _order = "amount_overdue desc, contract_id"

    contract_id = fields.Many2one("ps.contract", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True, string="Customer")
    user_id = fields.Many2one("res.users", readonly=True, string="Salesperson")
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    state = fields.Selection(CONTRACT_STATES, readonly=True)
    date_signed = fields.Date(readonly=True, string="Signed On")
    amount_contracted = fields.Monetary(readonly=True, string="Contracted", aggregator="sum")
    amount_invoiced = fields.Monetary(readonly=True, string="Invoiced", aggregator="sum")
    amount_collected = fields.Monetary(readonly=True, string="Collected", aggregator="sum")
    amount_outstanding = fields.Monetary(readonly=True, string="Outstanding", aggregator="sum")
    amount_overdue = fields.Monetary(readonly=True, string="Overdue", aggregator="sum")
    aging_0_30 = fields.Monetary(readonly=True, string="1-30 Days", aggregator="sum")
    aging_31_60 = fields.Monetary(readonly=True, string="31-60 Days", aggregator="sum")
    aging_61_90 = fields.Monetary(readonly=True, string="61-90 Days", aggregator="sum")
    aging_90_plus = fields.Monetary(readonly=True, string="Over 90 Days", aggregator="sum")
    dso = fields.Float(readonly=True, string="Days Sales Outstanding", aggregator="avg")

    def _query(self):
        def bucket(low, high=None):
            cond = SQL("CURRENT_DATE - m.date_due >= %s", low)
            if high is not None:
                cond = SQL("%s AND CURRENT_DATE - m.date_due <= %s", cond, high)
            return SQL(
                "COALESCE(SUM(m.amount_residual) FILTER (WHERE m.date_due < CURRENT_DATE "
                "AND %s), 0)",
                cond,
            )

        return SQL(
            """
            SELECT c.id AS id,
                   c.id AS contract_id,
                   c.partner_id,
                   c.user_id,
                   c.company_id,
                   c.currency_id,
                   c.state,
                   c.date_signed,
                   c.amount_total AS amount_contracted,
                   c.amount_invoiced,
                   c.amount_collected,
                   c.amount_outstanding,
                   COALESCE(SUM(m.amount_residual)
                            FILTER (WHERE m.date_due < CURRENT_DATE), 0) AS amount_overdue,
                   %(b1)s AS aging_0_30,
                   %(b2)s AS aging_31_60,
                   %(b3)s AS aging_61_90,
                   %(b4)s AS aging_90_plus,
                   CASE WHEN c.amount_invoiced > 0 AND c.date_signed IS NOT NULL
                        THEN c.amount_outstanding / c.amount_invoiced
                             * GREATEST(CURRENT_DATE - c.date_signed, 1)
                        ELSE 0 END AS dso
              FROM ps_contract c
              LEFT JOIN ps_contract_milestone m ON m.contract_id = c.id
             WHERE c.state IN ('signed', 'execution', 'closed', 'terminated')
               AND c.active
             GROUP BY c.id
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
