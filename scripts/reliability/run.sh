#!/usr/bin/env bash
# `npm run test:faults`: the fault-injection suite, then reliability/REPORT.md from its results.
# FAULTS_SUBSET=1 runs the quick subset `npm test` includes; its results and report go to .infra/
# so they never overwrite the committed full report. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ "${FAULTS_SUBSET:-}" == "1" ]]; then
  out=.infra/faults-subset
  export FAULT_RESULTS_DIR="$PWD/$out/results"
  report="$out/REPORT.md"
  # The subset is the steady-load faults only: the five-minute BPJS outage runs in the full suite.
  set -- test/faults/steady-load.fault-spec.ts "$@"
else
  out=.infra/faults
  export FAULT_RESULTS_DIR="$PWD/reliability/results"
  report=reliability/REPORT.md
fi
mkdir -p "$out"
# Only the results this run rewrites: other test files (dead letters, API fuzzing, graceful
# shutdown in the e2e tier) leave theirs in the same folder, and the report includes them all.
for spec in test/faults/*.fault-spec.ts; do
  rm -f "$FAULT_RESULTS_DIR/$(basename "$spec" .fault-spec.ts).json"
done
rm -rf .infra/test-logs/faults
# Jest runs no global teardown when interrupted: never leave the private servers running.
trap 'bash scripts/reliability/stop-infra.sh' EXIT
status=0
npx jest -c jest.faults.config.js --json --outputFile="$out/jest.json" "$@" || status=$?
npx tsx scripts/reliability/report.ts "$out/jest.json" "$FAULT_RESULTS_DIR" "$report" || status=1
exit $status
