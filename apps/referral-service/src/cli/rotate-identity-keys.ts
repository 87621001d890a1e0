import { loadConfig, postgresUrl } from '@app/config';
import { encryptionKeyRing, IdentityCipher } from '@app/patient-data';
import { z } from 'zod';
import { ReferralDb } from '../database/referral-db';
import { identitiesToSeal, sealIdentities } from '../patients/seal-identities';

/**
 * `node dist/apps/referral-service/src/cli/rotate-identity-keys.js [--batch-size N]`: seals every
 * referral's patient identifiers under the active (first) key of IDENTITY_ENCRYPTION_KEYS: rows
 * under an older key, and rows still plain from before the encryption migration. The service does
 * the same at start; this runs it to the end and reports. Safe while the service runs, to
 * interrupt and to run again. Exit code 2 when rows are left (e.g. held by another run).
 */
async function main(): Promise<void> {
  const config = loadConfig(
    z.object({ REFERRAL_DATABASE_URL: postgresUrl, IDENTITY_ENCRYPTION_KEYS: encryptionKeyRing }),
  );
  const batchSize = batchSizeArg(process.argv.slice(2));
  const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS);
  const db = new ReferralDb(config.REFERRAL_DATABASE_URL);
  try {
    const before = await identitiesToSeal(db, cipher);
    console.log(`[rotate] ${before} referrals to seal under key "${cipher.activeKeyId}"`);
    const done = await sealIdentities(db, cipher, {
      batchSize,
      onBatch: (n, total) => console.log(`[rotate] +${n} (${total}/${before})`),
    });
    const left = await identitiesToSeal(db, cipher);
    console.log(`[rotate] sealed ${done} referrals; ${left} left under other keys`);
    if (left > 0) process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
}

function batchSizeArg(args: string[]): number {
  const i = args.indexOf('--batch-size');
  if (i === -1) return 500;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new Error('--batch-size must be an integer from 1 to 10000');
  return n;
}

main().catch((e: unknown) => {
  console.error(`[rotate] failed: ${(e as Error).message}`);
  process.exit(1);
});
