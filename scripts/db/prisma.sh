#!/usr/bin/env bash
# Runs the Prisma CLI for one service in the engine-free mode that works on these machines
# (see ../shared/notes/toolchain.md): JS engine, pg driver adapter, no engine downloads.
# Usage: scripts/db/prisma.sh <service> <prisma args...>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
service="$1"; shift
dir="$root/apps/$service/prisma"
[ -f "$dir/schema.prisma" ] || { echo "[db] $service has no prisma/schema.prisma" >&2; exit 2; }
export PRISMA_SCHEMA_ENGINE_BINARY=/bin/false PRISMA_QUERY_ENGINE_LIBRARY=/bin/false
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
cd "$dir"
exec node "$root/node_modules/prisma/build/index.js" "$@" --config prisma.config.ts
