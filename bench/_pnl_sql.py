"""The project P&L written by hand, independently of the suite's views: what
the benchmarks time and check the suite's figures against. ``projects`` is an
SQL condition on ``project_project p`` (the projects asked for); the figures
are computed for those projects only."""

from odoo.tools import SQL

COLUMNS = [
    "project_id", "active", "company_id", "currency_id", "user_id", "partner_id",
    "project_type_id", "phase", "contract_value", "invoiced", "collected", "revenue_budget",
    "revenue_actual", "actual_cost", "committed_cost", "budget_cost", "remaining",
    "consumed_pct", "budget_status", "margin", "margin_pct", "planned_hours", "spent_hours",
    "remaining_hours", "labour_rate", "remaining_labour", "eac", "margin_eac", "margin_eac_pct",
    "progress", "hours_burn", "planned_value", "earned_value", "cpi", "spi", "eac_cpi",
    "eac_alt", "etc", "vac", "tcpi", "recognised_pct", "recognised_revenue", "wip",
    "deferred_revenue", "margin_recognised", "margin_recognised_pct",
]  # fmt: skip


DEFAULT_ORDER = SQL("consumed_pct DESC, project_id")


def pnl_sql(projects, order=DEFAULT_ORDER, limit=None):
    return SQL(
        """
WITH pr AS (
    SELECT p.* FROM project_project p WHERE %(projects)s
), act AS (
    SELECT pr.id,
           SUM(CASE WHEN a.account_type IN ('income', 'income_other') THEN 0
                    ELSE -l.amount END) AS actual,
           SUM(CASE WHEN a.account_type IN ('income', 'income_other') THEN l.amount END)
               AS revenue,
           SUM(CASE WHEN l.project_id IS NOT NULL AND l.move_line_id IS NULL
                    THEN CASE WHEN a.account_type IN ('income', 'income_other')
                              THEN l.amount ELSE -l.amount END END) AS labour
      FROM pr
      JOIN account_analytic_line l ON l.account_id = pr.account_id
      LEFT JOIN account_account a ON a.id = l.general_account_id
     WHERE l.general_account_id IS NULL
        OR a.account_type IN ('income', 'income_other', 'expense', 'expense_depreciation',
                              'expense_direct_cost')
     GROUP BY pr.id
), com AS (
    SELECT pid AS id, SUM(amount) AS committed FROM (
        SELECT e.ps_project_id AS pid, e.total_amount - COALESCE(e.tax_amount, 0) AS amount
          FROM hr_expense e LEFT JOIN hr_expense_sheet s ON s.id = e.sheet_id
         WHERE e.ps_project_id IN (SELECT id FROM pr)
           AND (s.id IS NULL OR s.state IN ('draft', 'submit', 'approve'))
        UNION ALL
        SELECT r.project_id, r.amount
          FROM ps_payment_request r LEFT JOIN account_move m ON m.id = r.move_id
         WHERE r.project_id IN (SELECT id FROM pr)
           AND (r.state IN ('submitted', 'approved')
                OR (r.state = 'billed' AND (m.id IS NULL OR m.state = 'draft')))
    ) x GROUP BY pid
), bud AS (
    SELECT b.project_id AS id, SUM(bl.amount) AS budget, MAX(b.revenue_amount) AS revenue
      FROM ps_project_budget b JOIN ps_project_budget_line bl ON bl.budget_id = b.id
     WHERE b.project_id IN (SELECT id FROM pr) AND b.state = 'approved'
     GROUP BY b.project_id
), con AS (
    SELECT project_id AS id, SUM(amount_total) AS value, SUM(amount_untaxed) AS untaxed,
           SUM(amount_invoiced) AS invoiced, SUM(amount_collected) AS collected
      FROM ps_contract
     WHERE project_id IN (SELECT id FROM pr) AND active
       AND state IN ('signed', 'execution', 'closed')
     GROUP BY project_id
), rec AS (
    -- fixed price, percent of completion: the untaxed value in the company's
    -- currency (converted at the signature date's rate when stored)
    SELECT project_id AS id, SUM(ps_amount_untaxed_company) AS value
      FROM ps_contract
     WHERE project_id IN (SELECT id FROM pr) AND active
       AND state IN ('signed', 'execution', 'closed')
     GROUP BY project_id
), rate AS (
    SELECT company_id, AVG(hourly_cost) AS rate FROM hr_employee
     WHERE active AND hourly_cost > 0 GROUP BY company_id
), plan AS (
    SELECT project_id AS id, SUM(weight * done) / NULLIF(SUM(weight), 0) AS share
      FROM (
        SELECT d.project_id,
               CASE WHEN SUM(d.hours) OVER (PARTITION BY d.project_id) > 0 THEN d.hours
                    ELSE 1 END AS weight,
               CASE WHEN d.day_from IS NULL THEN 1.0
                    ELSE LEAST(GREATEST((CURRENT_DATE - d.day_from + 1)::numeric
                                        / (GREATEST(d.day_to - d.day_from, 0) + 1), 0), 1)
               END AS done
          FROM (
            SELECT t.project_id, COALESCE(t.ps_baseline_hours, 0) AS hours,
                   COALESCE(t.ps_baseline_date_start::date, t.ps_baseline_deadline::date,
                            pr.date_start, pr.date) AS day_from,
                   COALESCE(t.ps_baseline_deadline::date, t.ps_baseline_date_start::date,
                            pr.date, pr.date_start) AS day_to
              FROM pr JOIN project_task t ON t.project_id = pr.id
             WHERE pr.ps_baseline_version > 0 AND t.active AND t.state != '1_canceled'
               AND NOT EXISTS (SELECT 1 FROM project_task c WHERE c.parent_id = t.id
                                  AND c.active AND c.state != '1_canceled')
          ) d
      ) w GROUP BY project_id
), f AS (
    SELECT pr.id AS project_id, pr.active, pr.company_id,
           COALESCE(pr.company_id, acc.company_id, (SELECT MIN(id) FROM res_company))
               AS currency_company_id,
           pr.user_id, pr.partner_id, pr.ps_project_type_id AS project_type_id,
           pr.ps_phase AS phase,
           COALESCE(pr.ps_budget_warning_pct, 80) AS warning_pct,
           COALESCE(pr.ps_budget_overrun_pct, 100) AS overrun_pct,
           COALESCE(con.value, 0) AS contract_value, COALESCE(con.invoiced, 0) AS invoiced,
           COALESCE(con.collected, 0) AS collected,
           COALESCE(bud.revenue, con.untaxed, 0) AS revenue_budget,
           COALESCE(act.revenue, 0) AS revenue_actual, COALESCE(act.actual, 0) AS actual_cost,
           COALESCE(com.committed, 0) AS committed_cost, COALESCE(bud.budget, 0) AS budget_cost,
           COALESCE(pr.ps_planned_hours, 0) AS planned_hours,
           COALESCE(pr.ps_spent_hours, 0) AS spent_hours,
           GREATEST(COALESCE(pr.ps_planned_hours, 0) - COALESCE(pr.ps_spent_hours, 0), 0)
               AS remaining_hours,
           CASE WHEN COALESCE(pr.ps_spent_hours, 0) > 0 AND COALESCE(act.labour, 0) > 0
                THEN act.labour / pr.ps_spent_hours ELSE COALESCE(rate.rate, 0) END
               AS labour_rate,
           COALESCE(pr.ps_progress, 0) AS progress,
           COALESCE(pr.ps_hours_burn, 0) AS hours_burn,
           COALESCE(plan.share, 0) AS share,
           CASE WHEN pr.ps_phase = 'closing' THEN 100
                ELSE LEAST(GREATEST(COALESCE(pr.ps_progress, 0), 0), 100) END AS recognised_pct,
           COALESCE(rec.value, 0) AS recognisable
      FROM pr
      LEFT JOIN account_analytic_account acc ON acc.id = pr.account_id
      LEFT JOIN act ON act.id = pr.id
      LEFT JOIN com ON com.id = pr.id
      LEFT JOIN bud ON bud.id = pr.id
      LEFT JOIN con ON con.id = pr.id
      LEFT JOIN plan ON plan.id = pr.id
      LEFT JOIN rec ON rec.id = pr.id
      LEFT JOIN rate
        ON rate.company_id = COALESCE(pr.company_id, acc.company_id,
                                      (SELECT MIN(id) FROM res_company))
), g AS (
    SELECT f.*,
           f.budget_cost - f.actual_cost - f.committed_cost AS remaining,
           CASE WHEN f.budget_cost > 0
                THEN (f.actual_cost + f.committed_cost) / f.budget_cost * 100 ELSE 0 END
               AS consumed_pct,
           f.remaining_hours * f.labour_rate AS remaining_labour,
           f.actual_cost + f.committed_cost + f.remaining_hours * f.labour_rate AS eac,
           f.budget_cost * f.progress / 100 AS earned_value,
           f.budget_cost * f.share AS planned_value,
           f.recognisable * f.recognised_pct / 100 AS recognised_revenue
      FROM f
), h AS (
    SELECT g.*,
           CASE WHEN g.earned_value > 0 AND g.actual_cost > 0
                THEN g.budget_cost * g.actual_cost / g.earned_value ELSE 0 END AS eac_cpi
      FROM g
)
SELECT h.project_id, h.active, h.company_id, c.currency_id, h.user_id, h.partner_id,
       h.project_type_id, h.phase, h.contract_value, h.invoiced, h.collected,
       h.revenue_budget, h.revenue_actual, h.actual_cost, h.committed_cost, h.budget_cost,
       h.remaining, h.consumed_pct,
       CASE WHEN h.budget_cost <= 0 THEN 'none' WHEN h.consumed_pct >= h.overrun_pct THEN 'over'
            WHEN h.consumed_pct >= h.warning_pct THEN 'near' ELSE 'under' END AS budget_status,
       h.revenue_actual - h.actual_cost AS margin,
       CASE WHEN h.revenue_actual <> 0
            THEN (h.revenue_actual - h.actual_cost) / h.revenue_actual * 100 ELSE 0 END
           AS margin_pct,
       h.planned_hours, h.spent_hours, h.remaining_hours, h.labour_rate, h.remaining_labour,
       h.eac, h.revenue_budget - h.eac AS margin_eac,
       CASE WHEN h.revenue_budget <> 0
            THEN (h.revenue_budget - h.eac) / h.revenue_budget * 100 ELSE 0 END
           AS margin_eac_pct,
       h.progress, h.hours_burn, h.planned_value, h.earned_value,
       CASE WHEN h.actual_cost > 0 THEN h.earned_value / h.actual_cost ELSE 0 END AS cpi,
       CASE WHEN h.planned_value > 0 THEN h.earned_value / h.planned_value ELSE 0 END AS spi,
       h.eac_cpi, h.actual_cost + h.budget_cost - h.earned_value AS eac_alt,
       CASE WHEN h.eac_cpi > 0 THEN h.eac_cpi - h.actual_cost ELSE 0 END AS etc,
       CASE WHEN h.eac_cpi > 0 THEN h.budget_cost - h.eac_cpi ELSE 0 END AS vac,
       CASE WHEN h.budget_cost - h.actual_cost > 0
            THEN (h.budget_cost - h.earned_value) / (h.budget_cost - h.actual_cost) ELSE 0 END
           AS tcpi,
       h.recognised_pct, h.recognised_revenue,
       GREATEST(h.recognised_revenue - h.revenue_actual, 0) AS wip,
       GREATEST(h.revenue_actual - h.recognised_revenue, 0) AS deferred_revenue,
       h.recognised_revenue - h.actual_cost AS margin_recognised,
       CASE WHEN h.recognised_revenue <> 0
            THEN (h.recognised_revenue - h.actual_cost) / h.recognised_revenue * 100 ELSE 0 END
           AS margin_recognised_pct
  FROM h JOIN res_company c ON c.id = h.currency_company_id
 ORDER BY %(order)s
 %(limit)s
        """,
        projects=projects,
        order=order,
        limit=SQL("LIMIT %s", limit) if limit else SQL(""),
    )


def same(value, other):
    """Figures agree: equal, or floats equal to 1e-6 (the ORM reads numerics
    as floats)."""
    if isinstance(value, int | float) and isinstance(other, int | float):
        return abs(float(value) - float(other)) <= 1e-6 * max(1.0, abs(float(other)))
    return value == other


def differences(rows, expected, columns=COLUMNS):
    """(project, column, ours, expected) of every figure that differs."""
    by_id = {row["project_id"]: row for row in expected}
    out = []
    if [r["project_id"] for r in rows] != [r["project_id"] for r in expected]:
        out.append(("rows", "project ids", len(rows), len(expected)))
    for row in rows:
        other = by_id.get(row["project_id"])
        if other is None:
            continue
        for column in columns:
            if not same(row[column], other[column]):
                out.append((row["project_id"], column, row[column], other[column]))
    return out
