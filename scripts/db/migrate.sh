#!/usr/bin/env bash
# Applies every service's committed migrations to its own database (all three in parallel: each
# Prisma CLI run idles ~10 s before it exits). URLs come from the *_DATABASE_URL variables.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/services.sh"
pids=()
for s in "${DB_SERVICES[@]}"; do
  var="$(db_var "$s")"
  [ -n "${!var:-}" ] || { echo "[db] $var is not set" >&2; exit 2; }
  ( out="$("$here/prisma.sh" "$s" migrate deploy 2>&1)" || { echo "$out" >&2; echo "[db] migrating $s failed" >&2; exit 1; } ) &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
[ $status -eq 0 ] && echo "[db] migrations applied for ${DB_SERVICES[*]}"
exit $status
