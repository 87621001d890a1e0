#!/usr/bin/env bash
# Generates every service's Prisma client into apps/<service>/src/generated (not committed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/services.sh"
pids=()
for s in "${DB_SERVICES[@]}"; do
  ( out="$("$here/prisma.sh" "$s" generate 2>&1)" || { echo "$out" >&2; echo "[db] generating $s failed" >&2; exit 1; } ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
echo "[db] prisma clients generated for ${DB_SERVICES[*]}"
