from odoo import fields, models, tools
from odoo.tools import SQL


class PsSalesKpiReport(models.Model):
    """Sales KPIs per salesperson and month, as an SQL view over customers,
    follow-ups and opportunities. Read it with pivot/graph (read_group): the
    amounts and counts add up; rates are averages of the monthly rates."""

    _name = "ps.sales.kpi.report"
    _description = "Sales KPIs"
    _auto = False
    _order = "date desc"

    date = fields.Date(string="Month", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    new_customer_count = fields.Integer(string="New Customers", readonly=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    opportunity_count = fields.Integer(string="New Opportunities", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    won_amount = fields.Float(string="Won Revenue", readonly=True, digits="Account")
    win_rate = fields.Float(
        string="Win Rate (%)", readonly=True, aggregator="avg", help="Won / (won + lost)."
    )
    cycle_days = fields.Float(
        string="Average Cycle (Days)",
        readonly=True,
        aggregator="avg",
        help="Days from the opportunity's creation to its win.",
    )
    overdue_followup_count = fields.Integer(
        string="Overdue Follow-ups",
        readonly=True,
        help="Customers owned today whose next follow-up date has passed (current month).",
    )

    def _query(self):
        return SQL(
            """
            WITH facts AS (
                SELECT p.user_id, p.company_id, date_trunc('month', p.create_date)::date AS date,
                       1 AS new_customer, 0 AS followup, 0 AS opportunity, 0 AS won, 0 AS lost,
                       0.0 AS won_amount, NULL::float AS cycle, 0 AS overdue
                  FROM res_partner p
                 WHERE p.ps_is_customer AND p.parent_id IS NULL AND p.active
                   AND p.user_id IS NOT NULL
                UNION ALL
                SELECT f.user_id, f.company_id, date_trunc('month', f.date)::date,
                       0, 1, 0, 0, 0, 0.0, NULL, 0
                  FROM ps_customer_followup f
                UNION ALL
                SELECT l.user_id, l.company_id, date_trunc('month', l.create_date)::date,
                       0, 0, 1, 0, 0, 0.0, NULL, 0
                  FROM crm_lead l
                 WHERE l.type = 'opportunity' AND l.user_id IS NOT NULL
                UNION ALL
                SELECT l.user_id, l.company_id, date_trunc('month', l.date_closed)::date,
                       0, 0, 0, 1, 0, COALESCE(l.expected_revenue, 0),
                       GREATEST(EXTRACT(EPOCH FROM (l.date_closed - l.create_date)) / 86400.0, 0), 0
                  FROM crm_lead l
                  JOIN crm_stage s ON s.id = l.stage_id
                 WHERE l.active AND s.is_won AND l.date_closed IS NOT NULL
                   AND l.user_id IS NOT NULL
                UNION ALL
                SELECT l.user_id, l.company_id,
                       date_trunc('month', COALESCE(l.date_closed, l.write_date))::date,
                       0, 0, 0, 0, 1, 0.0, NULL, 0
                  FROM crm_lead l
                 WHERE NOT l.active AND l.probability = 0 AND l.type = 'opportunity'
                   AND l.user_id IS NOT NULL
                UNION ALL
                SELECT p.user_id, p.company_id, date_trunc('month', now())::date,
                       0, 0, 0, 0, 0, 0.0, NULL, 1
                  FROM res_partner p
                 WHERE p.ps_is_customer AND p.parent_id IS NULL AND p.active
                   AND p.user_id IS NOT NULL AND p.ps_next_followup_date < CURRENT_DATE
            )
            SELECT row_number() OVER (ORDER BY date, user_id, company_id) AS id,
                   date, user_id, company_id,
                   SUM(new_customer) AS new_customer_count,
                   SUM(followup) AS followup_count,
                   SUM(opportunity) AS opportunity_count,
                   SUM(won) AS won_count,
                   SUM(lost) AS lost_count,
                   SUM(won_amount) AS won_amount,
                   CASE WHEN SUM(won) + SUM(lost) > 0
                        THEN 100.0 * SUM(won) / (SUM(won) + SUM(lost)) END AS win_rate,
                   AVG(cycle) AS cycle_days,
                   SUM(overdue) AS overdue_followup_count
              FROM facts
             GROUP BY date, user_id, company_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
