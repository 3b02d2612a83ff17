# shellcheck shell=bash
# Shared by bin/run and bin/test: prepares what is missing, step by step,
# and explains every failure in one sentence (never a traceback).
#
# Environment (all optional):
#   ODOO_PATH        Odoo 18.0 source tree (default /opt/odoo)
#   PYTHON           Python 3.11 or 3.12 used to create .venv (default python3)
#   PS_DB            database served by bin/run (default ps_suite)
#   PS_HTTP_PORT     port served by bin/run (default 8069)
#   PGHOST PGPORT PGUSER PGPASSWORD
#                    use an existing PostgreSQL server instead of the embedded
#                    cluster (db_host/db_port/db_user/db_password in odoo.conf work too)
#   PG_BINDIR        where initdb/pg_ctl live (default: found automatically)

set -euo pipefail

PS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PS_ROOT
export ODOO_PATH="${ODOO_PATH:-/opt/odoo}"
PS_LOCAL="$PS_ROOT/.local"
PS_VENV="$PS_ROOT/.venv"
PS_CONF="$PS_ROOT/odoo.conf"
PS_LOGS="$PS_LOCAL/logs"
PS_MODULES="ps_crm,ps_project_wbs,ps_contract,ps_expense_finance,ps_knowledge,ps_dashboard"
PS_PG_ROLE="odoo"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# --- Odoo --------------------------------------------------------------------
ps_check_odoo() {
  [ -f "$ODOO_PATH/odoo-bin" ] && [ -f "$ODOO_PATH/odoo/release.py" ] ||
    die "Odoo 18.0 is not at ODOO_PATH=$ODOO_PATH (no odoo-bin there): put the Odoo 18.0 source tree there or set ODOO_PATH (see README, Prerequisites)."
  grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" ||
    die "The Odoo at ODOO_PATH=$ODOO_PATH is not version 18.0: this suite needs Odoo 18.0."
}

# --- Python and virtualenv -----------------------------------------------------
ps_check_python() {
  local py="${PYTHON:-python3}"
  command -v "$py" >/dev/null 2>&1 || die "No '$py' on PATH: install Python 3.11 or 3.12, or set PYTHON to one."
  local ver
  ver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" ||
    die "'$py' does not run: install Python 3.11 or 3.12, or set PYTHON to one."
  case "$ver" in
    3.11|3.12) ;;
    *) die "Python $ver ('$py') is not supported: Odoo 18.0 with this suite needs Python 3.11 or 3.12 (set PYTHON)." ;;
  esac
  "$py" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
    die "Python $ver lacks the venv module: install it (Debian: apt-get install python3-venv)."
  PS_SYS_PYTHON="$py"
}

# Re-installs only when requirements or the Odoo tree changed (stamp file).
# Odoo's setup.py asks for `psycopg2`, which only builds from source (compiler
# and libpq headers). psycopg2-binary provides the same module as a wheel, so
# the editable install's metadata is pointed at it; otherwise the OCA addon
# wheels (which require `odoo`) make pip build psycopg2 next to the wheel.
ps_odoo_metadata_use_psycopg2_binary() {
  local meta
  meta="$("$PS_VENV/bin/python" - <<'PY'
from importlib.metadata import distribution
dist = distribution("odoo")
print(dist._path / "METADATA")  # pylint: disable=protected-access
PY
)" || return 1
  [ -f "$meta" ] || { echo "odoo's METADATA not found" >&2; return 1; }
  sed -i 's/^Requires-Dist: psycopg2\b\(-binary\)\?/Requires-Dist: psycopg2-binary/' "$meta"
}

ps_setup_venv() {
  mkdir -p "$PS_LOGS"
  local stamp="$PS_VENV/.ps-stamp" want
  want="$(cat "$PS_ROOT/requirements.txt" "$PS_ROOT/requirements-odoo.txt" | sha1sum | cut -c1-40) $ODOO_PATH"
  if [ -x "$PS_VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  ps_check_python
  local log="$PS_LOGS/pip.log"
  say "==> Preparing the Python environment in .venv (log: .local/logs/pip.log)"
  [ -x "$PS_VENV/bin/python" ] || "$PS_SYS_PYTHON" -m venv "$PS_VENV" > "$log" 2>&1 ||
    { tail -5 "$log" >&2; die "Could not create the virtualenv .venv (see .local/logs/pip.log)."; }
  local pip=("$PS_VENV/bin/python" -m pip --disable-pip-version-check)
  {
    "${pip[@]}" install "pip>=24" "setuptools==75.8.0" "wheel" &&
    # Odoo itself, editable in setuptools' compat mode so that the OCA addon
    # wheels (odoo/addons/* namespace) find it; its dependencies come from
    # requirements-odoo.txt (wheels), not from its setup.py.
    "${pip[@]}" install --no-deps --no-build-isolation -e "$ODOO_PATH" \
      --config-settings editable_mode=compat &&
    ps_odoo_metadata_use_psycopg2_binary &&
    "${pip[@]}" install -r "$PS_ROOT/requirements.txt"
  } >> "$log" 2>&1 || {
    grep -v '^WARNING: Location' "$log" | tail -15 >&2
    die "Installing the Python packages failed (full log: .local/logs/pip.log)."
  }
  echo "$want" > "$stamp"
}

# --- PostgreSQL --------------------------------------------------------------------
# An external server is used when odoo.conf sets db_host or PGHOST is set.
ps_conf_value() {  # odoo.conf option value, empty when unset or commented
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*$/\1/p" "$PS_CONF" | tail -1
}

ps_pg_external() { [ -n "$(ps_conf_value db_host)" ] || [ -n "${PGHOST:-}" ]; }

ps_find_pg_bindir() {
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then echo "$PG_BINDIR"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir)"; [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  fi
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Runs a PostgreSQL server binary as the cluster owner (postgres when we are root).
ps_pg_as_owner() {
  if is_root; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
    else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

# Settings fit for Odoo, in ps-suite.conf (included by postgresql.conf), written
# on every start so that existing clusters get them too (README, Production,
# says what to set on a server of your own):
# - jit off: Odoo's reporting queries are short; compiling them costs more than
#   it saves (it tripled the workload report's time);
# - work_mem large enough for the reports' sorts and hash aggregates in memory;
# - planner costs of a machine whose database fits in memory, on SSD.
PS_PG_SETTINGS="jit = off
work_mem = '32MB'
maintenance_work_mem = '128MB'
shared_buffers = '256MB'
effective_cache_size = '1GB'
random_page_cost = 1.1
effective_io_concurrency = 100"

ps_pg_settings() {  # bindir datadir
  local bindir="$1" data="$2" conf="$2/ps-suite.conf"
  [ -f "$data/postgresql.conf" ] || return 0
  if ! grep -q "^include_if_exists = 'ps-suite.conf'" "$data/postgresql.conf"; then
    printf "include_if_exists = 'ps-suite.conf'\n" | ps_pg_as_owner tee -a "$data/postgresql.conf" > /dev/null
  fi
  if [ "$(cat "$conf" 2>/dev/null)" != "$PS_PG_SETTINGS" ]; then
    printf '%s\n' "$PS_PG_SETTINGS" | ps_pg_as_owner tee "$conf" > /dev/null
    # a running server takes the new settings now (shared_buffers at its next start)
    ps_pg_as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1 &&
      ps_pg_as_owner "$bindir/pg_ctl" -D "$data" reload >/dev/null 2>&1 || true
  fi
}

ps_start_postgres() {
  if ps_pg_external; then
    say "==> Using the PostgreSQL server configured in odoo.conf / PG* environment"
    return 0
  fi
  local bindir
  bindir="$(ps_find_pg_bindir)" ||
    die "No PostgreSQL server binaries (initdb, pg_ctl) found: install PostgreSQL 13 or newer (Debian: apt-get install postgresql), set PG_BINDIR, or point odoo.conf/PGHOST at an existing server."
  local pgdir="$PS_LOCAL/pg"
  if is_root; then
    id postgres >/dev/null 2>&1 ||
      die "Running as root needs a 'postgres' system user to own the embedded PostgreSQL cluster (PostgreSQL refuses to run as root): create it or run as a normal user."
    mkdir -p "$PS_LOCAL"
    # The postgres user must reach the cluster directory; fall back to its home if it cannot.
    if ! runuser -u postgres -- test -x "$PS_LOCAL" 2>/dev/null; then
      pgdir="$(getent passwd postgres | cut -d: -f6)/ps-suite-$(echo "$PS_ROOT" | sha1sum | cut -c1-8)"
    fi
  fi
  local data="$pgdir/data" sock="$pgdir/run" log="$PS_LOGS/postgresql.log"
  mkdir -p "$pgdir" "$PS_LOGS"
  if is_root; then chown postgres: "$pgdir"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "==> Creating the embedded PostgreSQL cluster in $pgdir"
    ps_pg_as_owner mkdir -p "$data" "$sock"
    ps_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      > "$PS_LOGS/initdb.log" 2>&1 ||
      ps_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C \
      > "$PS_LOGS/initdb.log" 2>&1 ||
      { tail -5 "$PS_LOGS/initdb.log" >&2; die "initdb failed (see .local/logs/initdb.log)."; }
    chmod 700 "$sock" 2>/dev/null || ps_pg_as_owner chmod 700 "$sock"
    # Unix socket only: no TCP port to collide with another server.
    printf "listen_addresses = ''\nunix_socket_directories = '%s'\nsynchronous_commit = off\nmax_connections = 100\n" \
      "$sock" | ps_pg_as_owner tee -a "$data/postgresql.conf" > /dev/null
  fi
  ps_pg_settings "$bindir" "$data"
  if [ ! -S "$sock/.s.PGSQL.5432" ] || ! ps_pg_as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "==> Starting the embedded PostgreSQL (log: .local/logs/postgresql.log)"
    is_root && { touch "$log"; chown postgres: "$log"; }
    ps_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start > /dev/null 2>&1 ||
      { tail -5 "$log" >&2; die "PostgreSQL did not start (see .local/logs/postgresql.log)."; }
  fi
  export PGHOST="$sock" PGPORT=5432
  # Odoo refuses to connect as 'postgres'; it gets its own role that may create databases.
  if ! PGUSER=postgres "$bindir/psql" -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='$PS_PG_ROLE'" | grep -q 1; then
    PGUSER=postgres "$bindir/psql" -d postgres -qc "CREATE ROLE $PS_PG_ROLE LOGIN CREATEDB" > /dev/null
  fi
  export PGUSER="$PS_PG_ROLE"
}

ps_psql() { "$PS_VENV/bin/python" "$PS_ROOT/bin/_db.py" "$@"; }

# --- Chromium (browser tours) ----------------------------------------------------
ps_setup_chromium() {
  local c
  for c in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$c" >/dev/null 2>&1 && return 0
  done
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "==> Installing Debian's chromium for the browser tours (log: .local/logs/apt.log)"
    mkdir -p "$PS_LOGS"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } \
      > "$PS_LOGS/apt.log" 2>&1 ||
      { tail -5 "$PS_LOGS/apt.log" >&2; die "Installing chromium failed (see .local/logs/apt.log)."; }
  else
    die "Chromium is needed for the browser tours and is not installed: install it (Debian: sudo apt-get install chromium) and run again."
  fi
}

# --- Odoo commands ------------------------------------------------------------------
# A TCP port nobody listens on (for the test server: bin/run may hold 8069).
ps_free_port() {
  "$PS_VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ps_odoo() {  # odoo-bin with the project's configuration
  (cd "$PS_ROOT" && "$PS_VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$PS_CONF" "$@")
}

# Install the suite's addons into a database (creating it), failing on any ERROR.
ps_install_suite() {  # db [extra odoo args...]
  local db="$1"; shift
  local log="$PS_LOGS/install-$db.log"
  say "==> Installing the suite's addons with demo data into '$db' (log: .local/logs/install-$db.log)"
  # Odoo only warns when an addon's demo data fails (and installs it without):
  # a demo story that no longer loads is a failure here.
  if ! ps_odoo -d "$db" -i "$PS_MODULES" --stop-after-init --log-level=info "$@" > "$log" 2>&1 \
     || grep -qE ' (ERROR|CRITICAL) |demo data failed to install' "$log"; then
    grep -E ' (ERROR|CRITICAL) |demo data failed to install' -A 30 "$log" | head -60 >&2 || tail -20 "$log" >&2
    die "Installing the suite into '$db' failed (see .local/logs/install-$db.log)."
  fi
  ps_psql modules-installed "$db" "$PS_MODULES" ||
    die "Not all the suite's addons are installed in '$db' (see .local/logs/install-$db.log)."
}

# Reads Odoo's test result line of an install log, prints it as
# "Odoo core tests: N passed, N failed" and fails when a test failed, erred,
# was skipped, or none ran.
ps_core_test_summary() {  # install log
  local log="$1" line failed errors total skipped
  line="$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -1)" ||
    die "Odoo's core tests did not report a result (see ${log#"$PS_ROOT"/})."
  failed="$(sed -E 's/.*: ([0-9]+) failed, .*/\1/' <<< "$line")"
  errors="$(sed -E 's/.* failed, ([0-9]+) error.*/\1/' <<< "$line")"
  total="$(sed -E 's/.* of ([0-9]+) tests.*/\1/' <<< "$line")"
  skipped="$(grep -cE 'odoo\.tests\.(result|suite|runner).*[Ss]kipped|: skipped ' "$log" || true)"
  say "Odoo core tests (project, crm, hr_expense, hr_timesheet): $((total - failed - errors)) passed, $((failed + errors)) failed, $skipped skipped"
  [ "$total" -gt 0 ] || die "No Odoo core test ran (see ${log#"$PS_ROOT"/})."
  [ "$((failed + errors))" = 0 ] || die "Odoo core tests failed (see ${log#"$PS_ROOT"/})."
  [ "$skipped" = 0 ] || die "Odoo core tests were skipped (see ${log#"$PS_ROOT"/}): a skipped tour did not run."
}

ps_prepare() {
  ps_check_odoo
  ps_setup_venv
  ps_start_postgres
}
