"""Benchmark: the portfolio XLSX export at firm scale (issue 22).

On a database made by ``make_firm.py``, exports the whole portfolio as the
CEO (every active project, the report's own batches and workbook options) and
measures its time and the growth of the process's resident memory (peak RSS
during the export minus RSS before), against a hand-written SQL of the same
rows (one query) in the same run; checks the rows' figures agree.

    bin/bench bench/bench_xlsx.py -d <database>
"""

import argparse
import io
import time

import openpyxl
from _common import rolled_back_env
from _pnl_sql import pnl_sql, same

from odoo.tools import SQL


def rss_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        ceo = env["res.users"].search([("login", "=", "bench.ceo")])
        report = (
            env["report.ps_dashboard.portfolio_xlsx"]
            .with_user(ceo)
            .with_context(active_model="ps.portfolio.report", active_ids=[])
        )
        env.invalidate_all()
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # reset the peak RSS (VmHWM)
        before = rss_kib("VmRSS")
        start = time.perf_counter()
        content, _kind = report.create_xlsx_report([], {})
        seconds = time.perf_counter() - start
        growth = (rss_kib("VmHWM") - before) / 1024
        start = time.perf_counter()
        env.cr.execute(
            SQL(
                "SELECT x.project_id, x.budget_cost, x.actual_cost, x.committed_cost, "
                "x.revenue_actual - x.actual_cost AS margin, x.contract_value "
                "FROM (%s) x JOIN project_project p ON p.id = x.project_id "
                "WHERE p.active ORDER BY x.project_id",
                pnl_sql(SQL("TRUE"), order=SQL("project_id")),
            )
        )
        rows = env.cr.fetchall()
        hand = time.perf_counter() - start
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        cells = list(sheet.iter_rows(min_row=2, values_only=True))[:-1]  # totals row last
        expected = sorted((r[1], r[2], r[3], r[4], r[5]) for r in rows)
        ours = sorted((c[6], c[7], c[8], c[9], c[10]) for c in cells)
        equal = len(ours) == len(expected) and all(
            all(same(a, float(b)) for a, b in zip(x, y, strict=True))
            for x, y in zip(ours, expected, strict=True)
        )
        print(
            f"portfolio XLSX, {len(cells):,} rows: {seconds:.2f} s, RSS +{growth:.1f} MB, "
            f"{len(content) / 1024:.0f} KiB; hand-written SQL {hand:.2f} s, "
            f"ratio x{seconds / hand:.2f}; "
            f"{'figures equal' if equal else 'FIGURES DIFFER'}"
        )


if __name__ == "__main__":
    main()
