#!/usr/bin/env bash
# Make sure PostgreSQL answers and the project's databases exist.
# Usage: scripts/infra/postgres.sh up|status [DATABASE...]     e.g. postgres.sh up antrean antrean_test
#   DATABASE_URL set => only check that server answers; databases are someone else's business there.
#   otherwise        => 127.0.0.1:5432 as user postgres (trust auth), started here if it is down
#                       (a shared machine service: `down` never stops it), then missing databases are created.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

PGHOST_LOCAL=127.0.0.1
PGPORT_LOCAL=5432

say() { echo "[infra] $*"; }
die() {
  echo "[infra] $*" >&2
  exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: install it with \`apt-get install -y ${2:-postgresql-client}\`"; }

ready() { pg_isready -q -h "$PGHOST_LOCAL" -p "$PGPORT_LOCAL"; }

start_local() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ ! -d /etc/postgresql ]]; then
    die "PostgreSQL is not running on $PGHOST_LOCAL:$PGPORT_LOCAL and is not installed: \`apt-get install -y postgresql\`"
  fi
  local version
  # shellcheck disable=SC2012 # version folder names (15, 16) are plain
  version="$(ls /etc/postgresql | sort -V | tail -n 1)" # the newest installed cluster, normally the only one
  say "starting PostgreSQL $version on $PGHOST_LOCAL:$PGPORT_LOCAL"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for ((i = 0; i < 300; i++)); do
    ready && return 0
    sleep 0.1
  done
  die "PostgreSQL did not accept connections within 30 s (see /var/log/postgresql/)"
}

ensure_database() {
  local name="$1"
  # Names go into SQL and shell: allow plain identifiers only.
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '$name' (lowercase letters, digits, _)"
  if [[ "$(psql -h "$PGHOST_LOCAL" -p "$PGPORT_LOCAL" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname='$name'")" == "1" ]]; then
    say "database $name exists"
  else
    createdb -h "$PGHOST_LOCAL" -p "$PGPORT_LOCAL" -U postgres "$name"
    say "database $name created"
  fi
}

cmd_up() {
  need psql
  if [[ -n "${DATABASE_URL:-}" ]]; then
    psql "$DATABASE_URL" -qtAc 'select 1' >/dev/null || die "PostgreSQL at DATABASE_URL does not answer"
    say "PostgreSQL at DATABASE_URL answers (databases not managed when DATABASE_URL is set)"
    return 0
  fi
  need pg_isready
  need createdb
  if ready; then
    say "PostgreSQL on $PGHOST_LOCAL:$PGPORT_LOCAL accepts connections"
  else
    start_local
    say "PostgreSQL on $PGHOST_LOCAL:$PGPORT_LOCAL accepts connections"
  fi
  local db
  for db in "$@"; do ensure_database "$db"; done
}

cmd_status() {
  need psql
  if [[ -n "${DATABASE_URL:-}" ]]; then
    psql "$DATABASE_URL" -qtAc 'select 1' >/dev/null 2>&1 || die "PostgreSQL at DATABASE_URL does not answer"
    say "PostgreSQL at DATABASE_URL answers"
    return 0
  fi
  need pg_isready
  ready || die "PostgreSQL on $PGHOST_LOCAL:$PGPORT_LOCAL does not accept connections"
  say "PostgreSQL on $PGHOST_LOCAL:$PGPORT_LOCAL accepts connections"
}

case "${1:-}" in
up | status)
  cmd="$1"
  shift
  "cmd_$cmd" "$@"
  ;;
*)
  echo "usage: $0 up|status [DATABASE...]" >&2
  exit 64
  ;;
esac
