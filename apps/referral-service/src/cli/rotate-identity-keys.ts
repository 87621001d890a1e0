import { loadConfig, postgresUrl } from '@app/config';
import { encryptionKeyRing, IdentityCipher, runSealingCli } from '@app/patient-data';
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
runSealingCli(() => {
  const config = loadConfig(
    z.object({ REFERRAL_DATABASE_URL: postgresUrl, IDENTITY_ENCRYPTION_KEYS: encryptionKeyRing }),
  );
  const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS);
  const db = new ReferralDb(config.REFERRAL_DATABASE_URL);
  return {
    noun: 'referrals',
    activeKeyId: cipher.activeKeyId,
    pending: () => identitiesToSeal(db, cipher),
    sealAll: (batchSize, onBatch) => sealIdentities(db, cipher, { batchSize, onBatch }),
    close: () => db.$disconnect(),
  };
});
