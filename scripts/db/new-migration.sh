#!/usr/bin/env bash
# Writes the next migration of a service from the change to its schema.prisma since the last commit
# (prisma migrate dev does not work in the engine-free mode, migrate diff does).
# Usage: scripts/db/new-migration.sh <service> <name>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
service="${1:?usage: new-migration.sh <service> <name>}"; name="${2:?usage: new-migration.sh <service> <name>}"
dir="$root/apps/$service/prisma"
stamp="$(date -u +%Y%m%d%H%M%S)"
out="$dir/migrations/${stamp}_${name}"
# migrate diff compares schema files only, but the CLI still builds its adapter: give it a harmless URL.
source "$root/scripts/db/services.sh"; var="$(db_var "$service")"
export "$var=${!var:-postgresql://postgres@127.0.0.1:5432/postgres}"
prev="$(mktemp --suffix=.prisma)"; trap 'rm -f "$prev"' EXIT
if git -C "$root" cat-file -e "HEAD:apps/$service/prisma/schema.prisma" 2>/dev/null && [ -d "$dir/migrations" ]; then
  git -C "$root" show "HEAD:apps/$service/prisma/schema.prisma" > "$prev"
  from=(--from-schema-datamodel "$prev")
else
  from=(--from-empty)
fi
sql="$("$root/scripts/db/prisma.sh" "$service" migrate diff "${from[@]}" --to-schema-datamodel schema.prisma --script)"
if ! grep -qvE '^\s*(--.*)?$' <<<"$sql"; then echo "[db] $service: schema unchanged, no migration written"; exit 0; fi
mkdir -p "$out"
printf '%s\n' "$sql" > "$out/migration.sql"
[ -f "$dir/migrations/migration_lock.toml" ] || printf '# Written by Prisma; do not edit.\nprovider = "postgresql"\n' > "$dir/migrations/migration_lock.toml"
echo "[db] wrote ${out#$root/}/migration.sql"
