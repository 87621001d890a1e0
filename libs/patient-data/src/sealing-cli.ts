/** What a rotation CLI drives: one service's rows that are not under the active key yet. */
export interface SealingTarget {
  /** What a row is, for the report ("referrals", "contacts"). */
  noun: string;
  activeKeyId: string;
  /** Rows not under the active key. */
  pending(): Promise<number>;
  /** Seals them all in batches of `batchSize`, reporting each batch; returns how many. */
  sealAll(batchSize: number, onBatch: (done: number, total: number) => void): Promise<number>;
  close(): Promise<void>;
}

/**
 * The body of a `rotate-*-keys` CLI: seals every row under the active key, batch after batch, and
 * reports. Safe while the service runs, to interrupt and to run again. Exit code 2 when rows are
 * left (e.g. held by another run), 1 on failure.
 */
export function runSealingCli(open: () => SealingTarget, args = process.argv.slice(2)): void {
  const run = async () => {
    const batchSize = batchSizeArg(args);
    const t = open();
    try {
      const before = await t.pending();
      console.log(`[rotate] ${before} ${t.noun} to seal under key "${t.activeKeyId}"`);
      const done = await t.sealAll(batchSize, (n, total) =>
        console.log(`[rotate] +${n} (${total}/${before})`),
      );
      const left = await t.pending();
      console.log(`[rotate] sealed ${done} ${t.noun}; ${left} left under other keys`);
      if (left > 0) process.exitCode = 2;
    } finally {
      await t.close();
    }
  };
  run().catch((e: unknown) => {
    console.error(`[rotate] failed: ${(e as Error).message}`);
    process.exit(1);
  });
}

/** `--batch-size N` (1–10000, default 500). */
export function batchSizeArg(args: string[]): number {
  const i = args.indexOf('--batch-size');
  if (i === -1) return 500;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new Error('--batch-size must be an integer from 1 to 10000');
  return n;
}
