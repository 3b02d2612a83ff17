"""Benchmark: the project P&L list at firm scale (issue 22).

On a database made by ``make_firm.py`` (or any database with the suite and
the bench users), times the P&L list's first page of 80 rows as the web client
asks for it (``web_search_read``, default order, record rules of the user) for
finance and for the project manager with the most projects, against a
hand-written SQL of the same page (``_pnl_sql.py``) in the same run; checks
that every figure of the page agrees, then every figure of every project of the
whole view, and prints the ratios.

    bin/bench bench/bench_pnl.py -d <database> [-r 3] [--before <git revision>]

``--before`` replaces the view, in the rolled-back transaction, by the one of
that revision of the suite (what the P&L cost before a change).
"""

import argparse
import ast
import subprocess
import textwrap
import time

from _common import rolled_back_env
from _pnl_sql import COLUMNS, differences, pnl_sql

from odoo.tools import SQL

MANY2ONE = ("project_id", "company_id", "currency_id", "user_id", "partner_id",
            "project_type_id")  # fmt: skip
PAGE = 80


def best(func, runs):
    """(best wall time, last result) of ``runs`` calls."""
    times, result = [], None
    for _run in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def dict_rows(cr, query):
    cr.execute(query)
    names = [d.name for d in cr.description]
    return [dict(zip(names, row, strict=True)) for row in cr.fetchall()]


def orm_page(env, user, runs):
    Pnl = env["ps.project.pnl"].with_user(user)
    spec = {name: ({"fields": {"display_name": {}}} if name in MANY2ONE else {})
            for name in COLUMNS}  # fmt: skip

    def call():
        env.invalidate_all()
        return Pnl.web_search_read([], spec, limit=PAGE)["records"]

    call()  # warm the access and rule caches, as a second page load would be
    count0 = env.cr.sql_log_count
    seconds, records = best(call, runs)
    queries = (env.cr.sql_log_count - count0) // runs
    rows = [
        {k: (v["id"] if isinstance(v, dict) else v) for k, v in record.items() if k != "id"}
        for record in records
    ]
    for row in rows:
        for name in MANY2ONE:
            row[name] = row[name] or None
    return seconds, queries, rows


def view_at(env, revision):
    """Replace ps_project_pnl by its definition at git ``revision``."""
    path = "addons/ps_expense_finance/report/ps_project_pnl.py"
    source = subprocess.run(
        ["git", "show", f"{revision}:{path}"], capture_output=True, text=True, check=True
    ).stdout
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == "_query":
            namespace = {"SQL": SQL}
            exec(textwrap.dedent(ast.get_source_segment(source, node)), namespace)  # noqa: S102
            query = namespace["_query"](env["ps.project.pnl"])
            env.cr.execute(SQL("DROP VIEW ps_project_pnl CASCADE"))
            env.cr.execute(SQL("CREATE VIEW ps_project_pnl AS (%s)", query))
            return
    raise SystemExit(f"no _query in {path} at {revision}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-r", "--runs", type=int, default=3)
    parser.add_argument("--before", help="git revision whose P&L view is timed instead")
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        cr = env.cr
        if args.before:
            view_at(env, args.before)
            print(f"P&L view of {args.before}")
        cr.execute("SELECT COUNT(*), COUNT(*) FILTER (WHERE active) FROM project_project")
        total, active = cr.fetchone()
        cr.execute("SELECT COUNT(*) FROM account_analytic_line")
        print(f"{total:,} projects ({active:,} active), {cr.fetchone()[0]:,} analytic lines")
        finance = env.ref("base.user_admin").search([("login", "=", "bench.finance")])
        cr.execute(
            "SELECT p.user_id, COUNT(*) FROM project_project p "
            "JOIN res_users u ON u.id = p.user_id "
            "WHERE u.login LIKE 'bench.pm.%%' AND p.active GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        )
        pm_id, pm_projects = cr.fetchone()
        pm = env["res.users"].browse(pm_id)
        ok = True
        for label, user, where in (
            ("finance", finance, SQL("TRUE")),
            (f"PM ({pm_projects} projects)", pm, SQL("p.user_id = %s", pm.id)),
        ):
            companies = tuple(user.company_ids.ids)
            projects = SQL(
                "p.active AND (p.company_id IN %s OR p.company_id IS NULL) AND %s",
                companies,
                where,
            )
            hand, expected = best(
                lambda projects=projects: dict_rows(cr, pnl_sql(projects, limit=PAGE)), args.runs
            )
            ours, queries, rows = orm_page(env, user, args.runs)
            diff = differences(rows, expected)
            ok = ok and not diff and len(rows) == min(PAGE, len(expected))
            print(
                f"P&L first page, {label}: suite {ours:.3f} s ({queries} queries), "
                f"hand-written SQL {hand:.3f} s, ratio x{ours / hand:.2f}; "
                f"{len(rows)} rows, {len(rows) * len(COLUMNS)} figures, "
                f"{'all equal' if not diff else f'{len(diff)} differ: {diff[:3]}'}"
            )
        # every figure of every project: the whole view against the hand-written SQL
        view_time, view_rows = best(
            lambda: dict_rows(cr, SQL("SELECT * FROM ps_project_pnl ORDER BY project_id")), 1
        )
        hand_time, hand_rows = best(
            lambda: dict_rows(cr, pnl_sql(SQL("TRUE"), order=SQL("project_id"))), 1
        )
        diff = differences(view_rows, hand_rows)
        ok = ok and not diff
        print(
            f"P&L of all {len(view_rows):,} projects: view {view_time:.3f} s, hand-written "
            f"{hand_time:.3f} s, ratio x{view_time / hand_time:.2f}; "
            f"{len(view_rows) * len(COLUMNS):,} figures, "
            f"{'all equal' if not diff else f'{len(diff)} differ: {diff[:3]}'}"
        )
        print("figures agree" if ok else "FIGURES DIFFER")


if __name__ == "__main__":
    main()
