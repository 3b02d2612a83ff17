"""Suite-wide pytest policy: a skipped test is a failed run.

Odoo skips a browser tour silently when Chromium or websocket-client is
missing; pytest-odoo skips an HttpCase without --odoo-http. Either way the
tour did not run, so the run must not pass.
"""

import pytest

from odoo.tools import config


def _import_odoo_tests_in_test_mode():
    """Import ``odoo.tests`` in test mode, as Odoo's own runner does.

    Outside test mode Odoo logs an error with a stack trace when ``odoo.tests``
    is imported, and pytest-odoo imports it before it turns test mode on (it
    does so around each test module only: the whole session in test mode makes
    the registry load slowly).
    """
    previous = config["test_enable"]
    config["test_enable"] = True
    try:
        import odoo.tests  # noqa: F401  pylint: disable=unused-import
    finally:
        config["test_enable"] = previous


_import_odoo_tests_in_test_mode()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == pytest.ExitCode.OK:
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            reporter.write_line(f"SKIPPED (counts as failure): {report.nodeid}: {reason}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
