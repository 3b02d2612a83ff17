"""Make a throw-away database holding a firm of N projects (see _firm.py): a
copy of a database with the suite installed, filled with plain SQL.

    bin/bench bench/make_firm.py -d <database with the suite> -t <new database> [-n 10000]

Drop it when done: bin/bench bench/make_firm.py -t <new database> --drop
"""

import argparse
import os
import time

from _common import ROOT
from _firm import build_firm

from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry
from odoo.tools import SQL, config


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", help="template: a database with the suite")
    parser.add_argument("-t", "--target", required=True, help="database to create (or drop)")
    parser.add_argument("-n", "--projects", type=int, default=10000)
    parser.add_argument("--drop", action="store_true", help="drop the target and stop")
    args = parser.parse_args()
    config.parse_config(["-c", os.path.join(ROOT, "odoo.conf")])
    with sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True  # pylint: disable=protected-access
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(args.target)))
        if args.drop:
            print(f"dropped {args.target}")
            return
        cr.execute(
            SQL(
                "CREATE DATABASE %s TEMPLATE %s",
                SQL.identifier(args.target),
                SQL.identifier(args.database),
            )
        )
    start = time.perf_counter()
    registry = Registry(args.target)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        build_firm(env, args.projects)
        cr.commit()
        counts = {}
        for table in (
            "project_project",
            "project_task",
            "account_analytic_line",
            "ps_contract",
            "ps_project_budget",
            "hr_expense",
            "ps_payment_request",
        ):
            cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
    print(f"{args.target}: {args.projects} projects in {time.perf_counter() - start:.1f} s")
    for table, count in counts.items():
        print(f"  {table}: {count:,}")


if __name__ == "__main__":
    main()
