#!/usr/bin/env bash
# Make sure a Redis answers for development and tests.
# Usage: scripts/infra/redis.sh up|status
#   REDIS_URL set  => only check that server answers (CI or a developer's own Redis); never start anything.
#   otherwise      => 127.0.0.1:6379, started here if it is down (a shared machine service: `down` never stops it).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

say() { echo "[infra] $*"; }
die() {
  echo "[infra] $*" >&2
  exit 1
}

command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found: install it with \`apt-get install -y redis-server\`"

pong() { # pong [redis-cli connection args]
  [[ "$(redis-cli "$@" ping 2>/dev/null)" == "PONG" ]]
}

cmd_status() {
  if [[ -n "${REDIS_URL:-}" ]]; then
    pong -u "$REDIS_URL" || die "Redis at REDIS_URL does not answer PING"
    say "Redis at REDIS_URL answers"
    return 0
  fi
  pong -h 127.0.0.1 -p 6379 || die "Redis on 127.0.0.1:6379 does not answer PING"
  say "Redis on 127.0.0.1:6379 answers"
}

cmd_up() {
  if [[ -n "${REDIS_URL:-}" ]] || pong -h 127.0.0.1 -p 6379; then
    cmd_status
    return 0
  fi
  command -v redis-server >/dev/null 2>&1 ||
    die "Redis is not running on 127.0.0.1:6379 and redis-server is missing: \`apt-get install -y redis-server\`"
  say "starting Redis on 127.0.0.1:6379 (no persistence)"
  mkdir -p /var/lib/redis /var/log/redis
  # Same command line as the machine's own service (see shared toolchain notes), so whoever started it,
  # it is the same Redis.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for ((i = 0; i < 100; i++)); do
    if pong -h 127.0.0.1 -p 6379; then
      say "Redis on 127.0.0.1:6379 answers"
      return 0
    fi
    sleep 0.1
  done
  tail -n 20 /var/log/redis/ci.log >&2 2>/dev/null || true
  die "Redis did not answer within 10 s (log: /var/log/redis/ci.log)"
}

case "${1:-}" in
up | status) "cmd_$1" ;;
*)
  echo "usage: $0 up|status" >&2
  exit 64
  ;;
esac
