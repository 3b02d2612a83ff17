"""Benchmark: the executive cockpit's data call at firm scale (issue 22).

On a database made by ``make_firm.py``, times ``ps.cockpit.get_cockpit_data``
(every card and chart) as the CEO without filters, with a project type filter
and with a project manager filter, and as the project manager with the most
projects, against a hand-written SQL of the portfolio's figures (projects, at
risk, contract value, margin, projects by phase and by health, the ten largest
budgets with their actual and committed costs) in the same run; checks that
those figures agree and prints the ratio. The suite's time covers all its
cards (receivables, signed contracts, certificates, approvals, revenue and
collections by month, funnel, workload), the hand-written SQL only the
portfolio's: the ratio is an upper bound.

    bin/bench bench/bench_cockpit.py -d <database> [-r 3]
"""

import argparse
import json
import time

from _common import rolled_back_env
from _pnl_sql import pnl_sql, same

from odoo.tools import SQL

RED_SLIP = 10


def handwritten(projects):
    """The portfolio's figures of the active ``projects`` (SQL condition on p)."""
    return SQL(
        """
WITH pnl AS MATERIALIZED (%(pnl)s),
pr AS MATERIALIZED (
    SELECT x.*, p.sequence, p.name->>'en_US' AS pname,
           CASE WHEN x.budget_status = 'over' OR COALESCE(p.ps_schedule_variance_days, 0) > %(red)s
                THEN 'red'
                WHEN x.budget_status = 'near' OR COALESCE(p.ps_schedule_variance_days, 0) > 0
                THEN 'amber' ELSE 'green' END AS health
      FROM pnl x JOIN project_project p ON p.id = x.project_id
)
SELECT json_build_object(
    'projects', (SELECT COUNT(*) FROM pr),
    'at_risk', (SELECT COUNT(*) FROM pr WHERE health IN ('amber', 'red')),
    'contract_value', (SELECT COALESCE(SUM(contract_value), 0) FROM pr),
    'margin', (SELECT COALESCE(SUM(margin), 0) FROM pr),
    'phase', (SELECT json_object_agg(phase, n)
                FROM (SELECT phase, COUNT(*) AS n FROM pr GROUP BY phase) g),
    'health', (SELECT json_object_agg(health, n)
                 FROM (SELECT health, COUNT(*) AS n FROM pr GROUP BY health) g),
    'top', (SELECT json_agg(json_build_array(project_id, budget_cost, actual_cost,
                                              committed_cost))
              FROM (SELECT * FROM pr ORDER BY budget_cost DESC, sequence, pname, project_id
                    LIMIT 10) t)
)
        """,
        pnl=pnl_sql(projects, order=SQL("project_id")),
        red=RED_SLIP,
    )


def suite_figures(data):
    cards = {card["key"]: card["value"] for card in data["cards"]}
    charts = {chart["key"]: chart for chart in data["charts"]}

    def counts(key, model_field):
        chart = charts[key]
        domains = chart["domains"]
        values = [next(v for f, _o, v in d if f == model_field) for d in domains]
        return dict(zip(values, chart["datasets"][0]["data"], strict=True))

    budget = charts["budget"]
    top = [
        [d[-1][2], *(ds["data"][i] for ds in budget["datasets"])]
        for i, d in enumerate(budget["domains"])
    ]
    return {
        "projects": cards["projects"],
        "at_risk": cards["at_risk"],
        "contract_value": cards["contract_value"],
        "margin": cards["margin"],
        "phase": counts("phase", "phase"),
        "health": counts("health", "health"),
        "top": top,
    }


def agree(ours, theirs):
    """The figures that differ."""
    out = []
    for key in ("projects", "at_risk", "contract_value", "margin", "phase", "health"):
        if isinstance(ours[key], dict):
            if ours[key] != (theirs[key] or {}):
                out.append((key, ours[key], theirs[key]))
        elif not same(ours[key], float(theirs[key])):
            out.append((key, ours[key], theirs[key]))
    top = theirs["top"] or []
    if len(ours["top"]) != len(top) or any(
        a[0] != b[0] or not all(same(x, float(y)) for x, y in zip(a[1:], b[1:], strict=True))
        for a, b in zip(ours["top"], top, strict=False)
    ):
        out.append(("top", ours["top"][:2], top[:2]))
    return out


def best(func, runs):
    times, result = [], None
    for _run in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-r", "--runs", type=int, default=3)
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        cr = env.cr
        ceo = env["res.users"].search([("login", "=", "bench.ceo")])
        cr.execute(
            "SELECT p.user_id, COUNT(*) FROM project_project p "
            "JOIN res_users u ON u.id = p.user_id "
            "WHERE u.login LIKE 'bench.pm.%%' AND p.active GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        )
        pm_id, pm_projects = cr.fetchone()
        pm = env["res.users"].browse(pm_id)
        cr.execute("SELECT MIN(id) FROM ps_project_type")
        project_type = cr.fetchone()[0]
        ok = True
        for label, user, filters, where in (
            ("CEO, no filter", ceo, None, SQL("TRUE")),
            (
                "CEO, project type filter",
                ceo,
                {"project_type_id": project_type},
                SQL("p.ps_project_type_id = %s", project_type),
            ),
            (
                "CEO, manager filter",
                ceo,
                {"user_id": pm.id},
                SQL("p.user_id = %s", pm.id),
            ),
            (f"PM ({pm_projects} projects)", pm, None, SQL("p.user_id = %s", pm.id)),
        ):
            projects = SQL(
                "p.active AND (p.company_id IN %s OR p.company_id IS NULL) AND %s",
                tuple(user.company_ids.ids),
                where,
            )
            cockpit = env["ps.cockpit"].with_user(user)
            cockpit.get_cockpit_data(filters)  # warm the access and rule caches

            def call(cockpit=cockpit, filters=filters):
                env.invalidate_all()
                return cockpit.get_cockpit_data(filters)

            count0 = cr.sql_log_count
            ours_time, data = best(call, args.runs)
            queries = (cr.sql_log_count - count0) // args.runs

            def hand(projects=projects):
                cr.execute(handwritten(projects))
                value = cr.fetchone()[0]
                return json.loads(value) if isinstance(value, str) else value

            hand_time, theirs = best(hand, args.runs)
            diff = agree(suite_figures(data), theirs)
            ok = ok and not diff
            print(
                f"cockpit, {label}: suite {ours_time:.3f} s ({queries} queries, all cards), "
                f"hand-written portfolio SQL {hand_time:.3f} s, "
                f"ratio x{ours_time / hand_time:.2f}; "
                f"{theirs['projects']} projects, "
                f"{'figures equal' if not diff else f'DIFFER: {diff}'}"
            )
        print("figures agree" if ok else "FIGURES DIFFER")


if __name__ == "__main__":
    main()
