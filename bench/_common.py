"""Shared by the benchmarks: a rolled-back environment on a database and the
measure of a function (wall time, SQL queries)."""

import contextlib
import os
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@contextlib.contextmanager
def rolled_back_env(database):
    """An environment (superuser) whose changes are all rolled back."""
    config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "-d", database])
    registry = Registry(database)
    with registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.rollback()


def measure(env, func):
    """Run ``func`` from a flushed, empty cache; return (seconds, SQL queries)."""
    env.flush_all()
    env.invalidate_all()
    count0 = env.cr.sql_log_count
    start = time.perf_counter()
    func()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - count0


def report(label_base, base, label, measured):
    """Print both measures and their ratio."""
    width = max(len(label_base), len(label)) + 1
    print(f"{label_base + ':':<{width}} {base[0]:8.2f} s {base[1]:6d} queries")
    print(f"{label + ':':<{width}} {measured[0]:8.2f} s {measured[1]:6d} queries")
    print(f"ratio: time x{measured[0] / base[0]:.2f}, queries x{measured[1] / max(base[1], 1):.2f}")
