#!/usr/bin/env bash
# Stop what up.sh started for this project: the Kafka broker only. Redis and PostgreSQL are shared
# machine services (other projects, CI right after this session), so they stay up.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$SCRIPT_DIR/kafka.sh" down
