#!/usr/bin/env bash
# `npm test`: static checks, then the three tiers. Integration and end-to-end tests start their own
# Kafka broker and databases (test/setup/global-setup.ts) and leave nothing running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n=== %s\n' "$1"; }
step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "build";       npm run --silent build
step "unit";        npx jest -c jest.unit.config.js
step "integration and end-to-end"; npx jest -c jest.it.config.js
step "faults (quick subset; full: npm run test:faults)"; FAULTS_SUBSET=1 bash scripts/reliability/run.sh
