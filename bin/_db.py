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


def _query(dbname, query, params=()):
    cn = connect(dbname)
    cn.autocommit = True  # DROP DATABASE refuses to run in a transaction
    try:
        with cn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None
    finally:
        cn.close()


def main(cmd, db, *args):
    exists = bool(_query("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", (db,)))
    if cmd == "exists":
        return 0 if exists else 1
    if cmd == "drop":
        if exists:
            _query(
                "postgres",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (db,),
            )
            _query("postgres", sql.SQL("DROP DATABASE {}").format(sql.Identifier(db)))
        return 0
    if cmd == "modules-installed":
        if not exists:
            return 1
        wanted = args[0].split(",")
        if not _query(db, "SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'"):
            return 1
        count = _query(
            db,
            "SELECT count(*) FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'",
            (wanted,),
        )[0][0]
        return 0 if count == len(wanted) else 1
    raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:]))
    except psycopg2.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc
        sys.exit(f"error: cannot reach PostgreSQL: {first}")
    except psycopg2.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc
        sys.exit(f"error: PostgreSQL refused '{sys.argv[1]}' on '{sys.argv[2]}': {first}")
