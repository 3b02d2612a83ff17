from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.ps_project_wbs.models.ps_spec import PHASES

STATUSES = [("actual", "Actual"), ("committed", "Committed"), ("budget", "Budget")]
KINDS = [("cost", "Cost"), ("revenue", "Revenue")]
SOURCES = [
    ("timesheet", "Timesheet"),
    ("expense", "Expense"),
    ("bill", "Vendor Bill"),
    ("invoice", "Customer Invoice"),
    ("other", "Other Entry"),
    ("payment_request", "Payment Request"),
    ("budget", "Budget"),
]


class PsProjectCostLedger(models.Model):
    """The project cost ledger: one row per fact, as a SQL view.

    * actual: the analytic lines of the project's analytic account (timesheets
      at employee cost, posted expenses, posted vendor bills, posted customer
      invoices, other entries). Analytic lines exist only for posted entries, so
      nothing unposted is ever actual. Lines on balance-sheet accounts are left
      out: they are settlement counterparts, not costs (a company-paid expense
      can carry the project analytic on its outstanding-payment line too and
      net to zero, odoo/odoo#280256).
    * committed: project expense claims not posted yet (to report, submitted,
      approved) and payment requests submitted, approved or billed in draft.
    * budget: the lines of the project's approved budget version.

    Each cost row falls into exactly one category: the one set on the journal
    item or on the expense claim, else its product's, else its account's, else
    the timesheet category for timesheets, else the unclassified category.
    Amounts are in company currency, positive for costs and for revenue.
    """

    _name = "ps.project.cost.ledger"
    _description = "Project Cost Ledger"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"

    name = fields.Char(string="Label", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    category_id = fields.Many2one("ps.cost.category", string="Cost Category", readonly=True)
    phase = fields.Selection(PHASES, readonly=True)
    amount = fields.Monetary(readonly=True, aggregator="sum")
    hours = fields.Float(readonly=True, aggregator="sum")
    analytic_line_id = fields.Many2one("account.analytic.line", readonly=True)
    expense_id = fields.Many2one("hr.expense", readonly=True)
    payment_request_id = fields.Many2one("ps.payment.request", readonly=True)
    budget_line_id = fields.Many2one("ps.project.budget.line", readonly=True)

    def _query(self):
        return SQL(
            """
            WITH special AS (
                SELECT rc.id AS company_id,
                       rc.currency_id,
                       (SELECT c.id FROM ps_cost_category c
                         WHERE c.is_labour AND c.active
                           AND (c.company_id IS NULL OR c.company_id = rc.id)
                         ORDER BY c.company_id NULLS LAST, c.sequence, c.id LIMIT 1) AS labour_id,
                       (SELECT c.id FROM ps_cost_category c
                         WHERE c.is_fallback AND c.active
                           AND (c.company_id IS NULL OR c.company_id = rc.id)
                         ORDER BY c.company_id NULLS LAST, c.sequence, c.id LIMIT 1) AS fallback_id
                  FROM res_company rc
            ), actual AS (
                SELECT aal.id AS aal_id,
                       p.id AS project_id,
                       aal.company_id,
                       sp.currency_id,
                       aal.date,
                       aal.name,
                       COALESCE(acc.account_type IN ('income', 'income_other'), FALSE)
                           AS is_revenue,
                       (aal.project_id IS NOT NULL AND aal.move_line_id IS NULL) AS is_timesheet,
                       COALESCE(aml.ps_cost_category_id, ex.ps_cost_category_id,
                                pt.ps_cost_category_id, acc.ps_cost_category_id) AS mapped_id,
                       sp.labour_id,
                       sp.fallback_id,
                       aal.amount,
                       aal.unit_amount,
                       aml.expense_id,
                       am.move_type,
                       am.ps_payment_request_id,
                       t.ps_phase
                  FROM account_analytic_line aal
                  JOIN project_project p ON p.account_id = aal.account_id
                  JOIN special sp ON sp.company_id = aal.company_id
             LEFT JOIN account_account acc ON acc.id = aal.general_account_id
             LEFT JOIN account_move_line aml ON aml.id = aal.move_line_id
             LEFT JOIN account_move am ON am.id = aml.move_id
             LEFT JOIN hr_expense ex ON ex.id = aml.expense_id
             LEFT JOIN product_product pp ON pp.id = aal.product_id
             LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN project_task t ON t.id = aal.task_id
                 WHERE aal.general_account_id IS NULL
                    OR acc.account_type IN ('income', 'income_other', 'expense',
                                            'expense_depreciation', 'expense_direct_cost')
            )
            SELECT a.aal_id * 4 AS id,
                   a.project_id,
                   a.company_id,
                   a.currency_id,
                   a.date,
                   a.name,
                   'actual' AS status,
                   CASE WHEN a.is_revenue THEN 'revenue' ELSE 'cost' END AS kind,
                   CASE WHEN a.expense_id IS NOT NULL THEN 'expense'
                        WHEN a.move_type IN ('in_invoice', 'in_refund', 'in_receipt') THEN 'bill'
                        WHEN a.move_type IN ('out_invoice', 'out_refund', 'out_receipt')
                            THEN 'invoice'
                        WHEN a.is_timesheet THEN 'timesheet'
                        ELSE 'other' END AS source,
                   CASE WHEN a.is_revenue THEN NULL
                        ELSE COALESCE(a.mapped_id,
                                      CASE WHEN a.is_timesheet THEN a.labour_id END,
                                      a.fallback_id) END AS category_id,
                   a.ps_phase AS phase,
                   CASE WHEN a.is_revenue THEN a.amount ELSE -a.amount END AS amount,
                   CASE WHEN a.is_timesheet THEN a.unit_amount ELSE 0 END AS hours,
                   a.aal_id AS analytic_line_id,
                   a.expense_id,
                   a.ps_payment_request_id AS payment_request_id,
                   NULL::integer AS budget_line_id
              FROM actual a
            UNION ALL
            SELECT e.id * 4 + 1,
                   e.ps_project_id,
                   e.company_id,
                   sp.currency_id,
                   e.date,
                   e.name,
                   'committed',
                   'cost',
                   'expense',
                   COALESCE(e.ps_cost_category_id, sp.fallback_id),
                   NULL,
                   e.total_amount - COALESCE(e.tax_amount, 0),
                   0,
                   NULL,
                   e.id,
                   NULL,
                   NULL
              FROM hr_expense e
              JOIN special sp ON sp.company_id = e.company_id
         LEFT JOIN hr_expense_sheet s ON s.id = e.sheet_id
             WHERE e.ps_project_id IS NOT NULL
               AND (s.id IS NULL OR s.state IN ('draft', 'submit', 'approve'))
            UNION ALL
            SELECT r.id * 4 + 2,
                   r.project_id,
                   r.company_id,
                   sp.currency_id,
                   r.date,
                   r.name,
                   'committed',
                   'cost',
                   'payment_request',
                   r.category_id,
                   NULL,
                   r.amount,
                   0,
                   NULL,
                   NULL,
                   r.id,
                   NULL
              FROM ps_payment_request r
              JOIN special sp ON sp.company_id = r.company_id
         LEFT JOIN account_move m ON m.id = r.move_id
             WHERE r.state IN ('submitted', 'approved')
                OR (r.state = 'billed' AND (m.id IS NULL OR m.state = 'draft'))
            UNION ALL
            SELECT l.id * 4 + 3,
                   b.project_id,
                   b.company_id,
                   sp.currency_id,
                   b.date_approved::date,
                   b.name,
                   'budget',
                   'cost',
                   'budget',
                   l.category_id,
                   l.phase,
                   l.amount,
                   0,
                   NULL,
                   NULL,
                   NULL,
                   l.id
              FROM ps_project_budget_line l
              JOIN ps_project_budget b ON b.id = l.budget_id
              JOIN special sp ON sp.company_id = b.company_id
             WHERE b.state = 'approved'
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
