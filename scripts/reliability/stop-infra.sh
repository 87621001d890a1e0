#!/usr/bin/env bash
# Stops the fault suite's private Kafka, Redis and Postgres (libs/testing/src/private-infra.ts) if
# they still run: after an interrupted `npm run test:faults` jest runs no global teardown.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
kafka_port=${FAULTS_KAFKA_PORT:-29292}
redis_port=${FAULTS_REDIS_PORT:-26390}
pg_port=${FAULTS_POSTGRES_PORT:-25433}
KAFKA_PORT=$kafka_port KAFKA_STATE_DIR="$PWD/.infra/kafka-faults-$kafka_port" KAFKA_BROKERS='' \
  bash scripts/infra/kafka.sh down >/dev/null 2>&1 || true
redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
pg_data=/tmp/antrean-faults-pg-$pg_port
if [[ -f "$pg_data/postmaster.pid" ]]; then
  pg_ctl=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$pg_ctl" stop -m fast -D "$pg_data" >/dev/null 2>&1 || true
  else
    "$pg_ctl" stop -m fast -D "$pg_data" >/dev/null 2>&1 || true
  fi
fi
