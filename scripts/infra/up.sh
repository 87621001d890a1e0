#!/usr/bin/env bash
# Bring up everything the apps and tests need: Redis, PostgreSQL (+ databases), Kafka.
# Databases: $ANTREAN_DATABASES (space or comma separated, default "antrean").
# REDIS_URL / DATABASE_URL / KAFKA_BROKERS set => those services are only checked (or, for Kafka, used as is).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

IFS=', ' read -r -a databases <<<"${ANTREAN_DATABASES:-antrean}"

bash "$SCRIPT_DIR/redis.sh" up
bash "$SCRIPT_DIR/postgres.sh" up "${databases[@]}"
bash "$SCRIPT_DIR/kafka.sh" up
