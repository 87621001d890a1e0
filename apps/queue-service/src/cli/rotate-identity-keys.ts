import { loadConfig, postgresUrl } from '@app/config';
import { z } from 'zod';
import { QueueDb } from '../database/queue-db';
import { batchSizeArg, IdentityCipher } from '@app/patient-data';
import { identityEncryptionKeys } from '../patient-identity/identity-config';
import { identityRowsToRotate, rotateIdentityKeys } from '../patient-identity/rotate-identity-keys';

/**
 * `node dist/apps/queue-service/src/cli/rotate-identity-keys.js [--batch-size N]`: re-encrypts
 * every stored patient identifier under the active (first) key of IDENTITY_ENCRYPTION_KEYS.
 * Put the new key first, keep the old ones after it, run this, then drop the old keys. Safe to run
 * while the service runs, to interrupt, and to run again: it picks up what is left.
 */
async function main(): Promise<void> {
  const config = loadConfig(
    z.object({ QUEUE_DATABASE_URL: postgresUrl, IDENTITY_ENCRYPTION_KEYS: identityEncryptionKeys }),
  );
  const batchSize = batchSizeArg(process.argv.slice(2));
  const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS);
  const db = new QueueDb(config.QUEUE_DATABASE_URL);
  try {
    const before = await identityRowsToRotate(db, cipher);
    console.log(`[rotate] ${before} identity rows to re-encrypt under key "${cipher.activeKeyId}"`);
    const done = await rotateIdentityKeys(db, cipher, {
      batchSize,
      onBatch: (n, total) => console.log(`[rotate] +${n} (${total}/${before})`),
    });
    const left = await identityRowsToRotate(db, cipher);
    console.log(`[rotate] re-encrypted ${done} rows; ${left} left under other keys`);
    if (left > 0) process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`[rotate] failed: ${(e as Error).message}`);
  process.exit(1);
});
