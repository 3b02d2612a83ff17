"""Benchmark: the monthly close of N projects (issue 22 item 4).

Builds N projects with an analytic account each and analytic lines in January
and February 2026 (timesheets, so labour, and other cost lines, so the
fallback category), opens their February period, inside a transaction that is
rolled back, then measures:

* a hand-written SQL computing the same snapshot (cost to date and cost of the
  month, per period and cost category) in one query: the baseline;
* closing all the periods the way the close job does (batches of 1,000: the
  snapshot lines, the figures and the state written set-based), without its
  commits;

and checks that the snapshots equal the hand-written figures.

    bin/bench bench/bench_monthly_close.py -d <database> [-n 1000]
"""

import argparse
import time
from collections import defaultdict
from datetime import date

from _common import measure, report, rolled_back_env

from odoo.tools import SQL


def build(env, count):
    plan, _others = env["account.analytic.plan"]._get_all_plans()
    company = env.company
    accounts = env["account.analytic.account"].create(
        [{"name": f"Close bench {i}", "plan_id": plan.id} for i in range(count)]
    )
    projects = (
        env["project.project"]
        .with_context(mail_create_nolog=True, tracking_disable=True)
        .create(
            [
                {"name": f"Close bench {i}", "account_id": account.id, "allow_timesheets": False}
                for i, account in enumerate(accounts)
            ]
        )
    )
    env.flush_all()
    # Analytic lines by SQL (the close reads them, their creation is not measured):
    # per project 3 "timesheets" and 2 other costs, in January and February.
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_analytic_line
                   (name, account_id, project_id, company_id, date, amount, unit_amount,
                    currency_id, create_uid, write_uid, create_date, write_date)
            SELECT 'bench', p.account_id, CASE WHEN k.timesheet THEN p.id END, %(company)s,
                   k.day, -(10 + mod(p.id, 13) * k.n), k.n, %(currency)s, 1, 1, now(), now()
              FROM project_project p
        CROSS JOIN (VALUES (1, TRUE, DATE '2026-01-12'), (2, TRUE, DATE '2026-02-03'),
                           (3, TRUE, DATE '2026-02-27'), (4, FALSE, DATE '2026-01-20'),
                           (5, FALSE, DATE '2026-02-14')) AS k (n, timesheet, day)
             WHERE p.id IN %(ids)s
            """,
            company=company.id,
            currency=company.currency_id.id,
            ids=tuple(projects.ids),
        )
    )
    periods = env["ps.project.period"].create(
        [{"project_id": project.id, "date_start": date(2026, 2, 1)} for project in projects]
    )
    env.flush_all()
    # What autovacuum does after such inserts: without statistics the planner
    # reads the ledger view of 10,000 new projects with nested loops.
    env.cr.execute(
        "ANALYZE account_analytic_line, project_project, account_analytic_account, "
        "ps_project_period"
    )
    env.invalidate_all()
    return projects, periods


def hand_written(env, periods):
    """{(period id, category id): (cost to date, cost of the month)} in one query."""
    env.cr.execute(
        SQL(
            """
            WITH cat AS (
                SELECT (SELECT id FROM ps_cost_category WHERE is_labour AND active
                         ORDER BY company_id NULLS LAST, sequence, id LIMIT 1) AS labour,
                       (SELECT id FROM ps_cost_category WHERE is_fallback AND active
                         ORDER BY company_id NULLS LAST, sequence, id LIMIT 1) AS fallback
            )
            SELECT per.id,
                   CASE WHEN aal.project_id IS NOT NULL AND aal.move_line_id IS NULL
                        THEN cat.labour ELSE cat.fallback END,
                   SUM(-aal.amount),
                   SUM(-aal.amount) FILTER (WHERE aal.date >= per.date_start)
              FROM ps_project_period per
              JOIN project_project p ON p.id = per.project_id
              JOIN account_analytic_line aal
                ON aal.account_id = p.account_id AND aal.date <= per.date_end
             CROSS JOIN cat
             WHERE per.id IN %s
          GROUP BY 1, 2
            """,
            tuple(periods.ids),
        )
    )
    return {
        (period_id, category_id): (float(to_date), float(month or 0.0))
        for period_id, category_id, to_date, month in env.cr.fetchall()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--projects", type=int, default=1000)
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        start = time.perf_counter()
        projects, periods = build(env, args.projects)
        seconds = time.perf_counter() - start
        print(f"built {len(projects)} projects, 5 lines each, in {seconds:.1f} s")
        figures = {}
        base = measure(env, lambda: figures.update(hand_written(env, periods)))
        Period = env["ps.project.period"]
        ours = measure(env, lambda: Period.browse(periods.ids)._ps_close_in_batches())
        report(
            f"hand-written SQL, {len(periods)} periods",
            base,
            f"close of {len(periods)} periods",
            ours,
        )
        snapshot = defaultdict(lambda: (0.0, 0.0))
        env.cr.execute(
            SQL(
                "SELECT period_id, category_id, cost_to_date, cost_month "
                "FROM ps_project_period_line WHERE period_id IN %s",
                tuple(periods.ids),
            )
        )
        for period_id, category_id, to_date, month in env.cr.fetchall():
            snapshot[(period_id, category_id)] = (float(to_date), float(month))
        env.cr.execute(
            SQL(
                "SELECT count(*) FROM ps_project_period WHERE id IN %s AND state = 'closed'",
                tuple(periods.ids),
            )
        )
        closed = env.cr.fetchone()[0]
        agree = dict(snapshot) == figures and closed == len(periods)
        print(f"figures agree: {agree} ({len(figures)} period/category figures, {closed} closed)")
        if not agree:
            raise SystemExit("the snapshots differ from the hand-written figures")


if __name__ == "__main__":
    main()
