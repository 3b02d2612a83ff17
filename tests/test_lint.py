"""Lint gates: ruff and pylint-odoo (OCA checks) must report nothing."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists())


def _run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff():
    """ruff finds no problem in the addons, tests and tooling."""
    result = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    """The code is formatted as `ruff format` would write it."""
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo():
    """pylint-odoo (OCA's checks) finds no problem in the suite's addons (the six and ps_base)."""
    assert len(ADDONS) == 7, ADDONS
    result = _run(
        sys.executable,
        "-m",
        "pylint",
        "--rcfile=.pylintrc",
        "--output-format=text",
        *(f"addons/{name}" for name in ADDONS),
    )
    assert result.returncode == 0, result.stdout + result.stderr
