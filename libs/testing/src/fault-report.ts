import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './local-stack';

/** One fault injected under load and what happened to the requests sent while it lasted. */
export interface FaultRow {
  fault: string;
  /** Requests sent (each counted once, however many times it was retried). */
  requests: number;
  /** Requests the system acknowledged as done. */
  accepted: number;
  /** Acknowledged work that is missing afterwards. */
  lost: number;
  /** Work that exists more than once afterwards. */
  duplicated: number;
  notes?: string;
}

export interface FaultResults {
  suite: string;
  rows: FaultRow[];
}

/**
 * Where every fault test file leaves its rows for scripts/reliability/report.ts (the quick subset
 * in `npm test` points FAULT_RESULTS_DIR elsewhere, so it never overwrites the full run's).
 */
export const FAULT_RESULTS_DIR =
  process.env.FAULT_RESULTS_DIR ?? join(REPO_ROOT, 'reliability/results');

/** Writes `reliability/results/<suite>.json`; `suite` is the test file's stem. */
export function recordFaultResults(suite: string, rows: FaultRow[]): void {
  if (!/^[\w.-]+$/.test(suite)) throw new Error(`suite name "${suite}" is not a plain file stem`);
  mkdirSync(FAULT_RESULTS_DIR, { recursive: true });
  const results: FaultResults = { suite, rows };
  writeFileSync(join(FAULT_RESULTS_DIR, `${suite}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
