"""Small database helper for the bin/ scripts (no psql client needed).

Connects like Odoo does: db_host/db_port/db_user/db_password from odoo.conf,
else libpq's PG* environment variables.

    _db.py exists DB                 exit 0 when DB exists
    _db.py modules-installed DB A,B  exit 0 when all listed modules are installed
    _db.py drop DB                   drop DB if it exists
"""

import configparser
import os
import sys

import psycopg2
from psycopg2 import sql


def connect(dbname):
    conf = configparser.RawConfigParser()
    conf.read(os.path.join(os.environ["PS_ROOT"], "odoo.conf"))
    kwargs = {"dbname": dbname}
    for key in ("host", "port", "user", "password"):
        value = conf.get("options", "db_" + key, fallback="").strip()
        if value and value.lower() not in ("false", "none"):
            kwargs[key] = value
    return psycopg2.connect(**kwargs)


def main(cmd, db, *args):
    with connect("postgres") as cn:
        cn.autocommit = True
        with cn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
            exists = bool(cr.fetchone())
            if cmd == "exists":
                return 0 if exists else 1
            if cmd == "drop":
                if exists:
                    cr.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = %s AND pid <> pg_backend_pid()",
                        (db,),
                    )
                    cr.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(db)))
                return 0
    if cmd == "modules-installed":
        if not exists:
            return 1
        wanted = args[0].split(",")
        with connect(db) as cn, cn.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_name = 'ir_module_module'"
            )
            if not cr.fetchone()[0]:
                return 1
            cr.execute(
                "SELECT count(*) FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                (wanted,),
            )
            return 0 if cr.fetchone()[0] == len(wanted) else 1
    raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:]))
    except psycopg2.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc
        sys.exit(f"error: cannot reach PostgreSQL: {first}")
