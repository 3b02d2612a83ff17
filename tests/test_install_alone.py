"""Each addon installs alone, with only its dependencies, on an empty database.

Every case runs Odoo in a subprocess on a database of its own, the way an
implementer would install one addon (``odoo-bin -i ps_<name>``), and fails on
a non-zero exit, on any ERROR/CRITICAL line of the log, or when the addon and
its dependencies are not all installed afterwards. The database is dropped
whatever happens.
"""

import os
import re
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import odoo
from odoo.tools import SQL, config

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".local" / "logs"
ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)

# (addon, extra odoo-bin arguments): the five upstream addons alone with demo
# data; ps_dashboard pulls in the whole suite, so it runs without demo data
# (the suite with demo data is what bin/test installs for the other tests).
CASES = [
    ("ps_base", []),
    ("ps_crm", []),
    ("ps_project_wbs", []),
    ("ps_contract", []),
    ("ps_expense_finance", []),
    ("ps_knowledge", []),
    ("ps_dashboard", ["--without-demo=all"]),
]


def _drop_database(dbname):
    """Drop ``dbname`` if it exists (``odoo.service.db.exp_drop`` only sees
    the databases of ``--database`` when that option is set, as it is here)."""
    odoo.sql_db.close_db(dbname)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # pylint: disable=protected-access
        cr.execute(
            # our own sessions only: an autovacuum worker on the new database
            # counts as a superuser process (refused), and DROP DATABASE stops it
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
            (dbname,),
        )
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(dbname)))


def _installed_modules(dbname):
    """{name: has demo data} of the installed modules."""
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT name, demo FROM ir_module_module WHERE state = 'installed'")
        return dict(cr.fetchall())


def _dependency_closure(dbname, addon):
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute(
            """
            WITH RECURSIVE deps(name) AS (
                SELECT %s::varchar
                UNION
                SELECT d.name FROM ir_module_module_dependency d
                JOIN ir_module_module m ON m.id = d.module_id
                JOIN deps ON deps.name = m.name
            )
            SELECT name FROM deps
            """,
            (addon,),
        )
        return {name for (name,) in cr.fetchall()}


@pytest.mark.parametrize(("addon", "extra"), CASES, ids=[c[0] for c in CASES])
def test_addon_installs_alone(addon, extra):
    dbname = f"ps_alone_{addon}_{os.getpid()}"
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"install-alone-{addon}.log"
    log.unlink(missing_ok=True)  # Odoo appends: an earlier run's errors are not this one's
    cmd = [
        sys.executable,
        os.path.join(config["root_path"], "..", "odoo-bin"),
        "-c",
        str(ROOT / "odoo.conf"),
        "-d",
        dbname,
        "-i",
        addon,
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=info",
        f"--logfile={log}",
        *extra,
    ]
    try:
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        text = log.read_text() if log.exists() else result.stdout + result.stderr
        errors = [m.group(0) for m in ERROR_LINE.finditer(text)]
        assert result.returncode == 0, f"odoo-bin exited {result.returncode}, see {log}"
        assert not errors, f"{len(errors)} ERROR/CRITICAL lines installing {addon}, see {log}"
        installed = _installed_modules(dbname)
        expected = _dependency_closure(dbname, addon)
        assert addon in installed
        assert expected <= installed.keys(), f"not installed: {sorted(expected - installed.keys())}"
        other_ps = {m for m in installed if m.startswith("ps_")} - expected
        assert not other_ps, f"{addon} installed addons it does not depend on: {other_ps}"
        with_demo = {m for m, demo in installed.items() if demo}
        if "--without-demo=all" in extra:
            assert not with_demo, f"demo data loaded despite --without-demo: {sorted(with_demo)}"
        else:
            assert addon in with_demo
    finally:
        _drop_database(dbname)
