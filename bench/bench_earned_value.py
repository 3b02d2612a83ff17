"""Benchmark: earned value (issue 17) at volume.

Builds N baselined projects of T leaf tasks each (planned hours, baseline
dates, some done, some with progress entered) inside a transaction that is
rolled back, then measures:

* project progress (the stored work-done roll-up, one SQL query) recomputed for
  all N projects, against the hours roll-up it sits next to (one _read_group);
* the P&L of one project and of a page of 80, against the same P&L view without
  its planned-value part (what the P&L cost before PV);
* the baseline's planned share as of a date for one and for all projects.

    bin/bench bench/bench_earned_value.py -d <database> [-n 2000] [-t 5]
"""

import argparse
import time
from datetime import date, datetime, timedelta

from _common import measure, report, rolled_back_env

from odoo.tools import SQL


def build(env, count, tasks):
    projects = env["project.project"].create(
        [{"name": f"EV bench {i}", "allow_timesheets": False} for i in range(count)]
    )
    start = datetime(2026, 1, 1, 8)
    vals = []
    for p, project in enumerate(projects):
        for t in range(tasks):
            begin = start + timedelta(days=(p + 7 * t) % 200)
            vals.append(
                {
                    "name": f"T{t}",
                    "project_id": project.id,
                    "allocated_hours": 4.0 * (t + 1),
                    "ps_date_start": begin,
                    "date_deadline": begin + timedelta(days=10),
                    "state": "1_done" if t == 0 else "01_in_progress",
                    "ps_progress_manual": 25.0 if t == 1 else 0.0,
                }
            )
    task_records = env["project.task"].with_context(mail_create_nolog=True).create(vals)
    env.flush_all()
    env.cr.execute(
        SQL(
            "UPDATE project_task SET ps_baseline_deadline = date_deadline, "
            "ps_baseline_date_start = ps_date_start, ps_baseline_hours = allocated_hours "
            "WHERE id IN %s",
            tuple(task_records.ids),
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE project_project SET ps_baseline_version = 1 WHERE id IN %s",
            tuple(projects.ids),
        )
    )
    env.invalidate_all()
    return projects


def timed_sql(env, query, runs=5):
    """Best of ``runs`` wall times of ``query`` (seconds)."""
    best = None
    for _run in range(runs):
        start = time.perf_counter()
        env.cr.execute(query)
        env.cr.fetchall()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--projects", type=int, default=2000)
    parser.add_argument("-t", "--tasks", type=int, default=5)
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        start = time.perf_counter()
        projects = build(env, args.projects, args.tasks)
        print(
            f"built {len(projects)} projects x {args.tasks} tasks "
            f"in {time.perf_counter() - start:.1f} s"
        )
        Project = env["project.project"]
        base = measure(env, lambda: Project.browse(projects.ids)._compute_ps_rollups())
        ours = measure(env, lambda: Project.browse(projects.ids)._compute_ps_progress())
        report("hours roll-up, all projects", base, "progress roll-up, all projects", ours)
        print()

        Pnl = env["ps.project.pnl"]
        empty_plan = SQL("SELECT NULL::numeric")
        env.cr.execute(SQL("CREATE TEMP VIEW bench_pnl_without_pv AS (%s)", Pnl._query(empty_plan)))
        env.cr.execute(SQL("CREATE TEMP VIEW bench_pnl AS (%s)", Pnl._query()))
        one = projects[len(projects) // 2].id
        page = tuple(projects[:80].ids)
        for label, where in (
            ("1 project", SQL("id = %s", one)),
            ("80 projects", SQL("id IN %s", page)),
        ):
            old = timed_sql(env, SQL("SELECT * FROM bench_pnl_without_pv WHERE %s", where))
            new = timed_sql(env, SQL("SELECT * FROM bench_pnl WHERE %s", where))
            print(f"P&L {label}: without PV {old * 1000:.1f} ms, with PV {new * 1000:.1f} ms, "
                  f"ratio x{new / old:.2f}")  # fmt: skip
        print()
        as_of = date(2026, 3, 31)
        for label, ids in (("1 project", projects[:1]), ("all projects", projects)):
            seconds, queries = measure(env, lambda ids=ids: ids._ps_planned_share(as_of))
            print(f"planned share, {label}: {seconds * 1000:.1f} ms, {queries} queries")


if __name__ == "__main__":
    main()
