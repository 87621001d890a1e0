import { loadConfig, postgresUrl } from '@app/config';
import { encryptionKeyRing, IdentityCipher, runSealingCli } from '@app/patient-data';
import { z } from 'zod';
import { sealContacts, contactsToSeal } from '../contacts/seal-contacts';
import { NotificationDb } from '../database/notification-db';

/**
 * `node dist/apps/notification-service/src/cli/rotate-contact-keys.js [--batch-size N]`: seals
 * every stored contact (phone, e-mail, push subscription) under the active (first) key of
 * IDENTITY_ENCRYPTION_KEYS: rows under an older key, and rows still plain from before the
 * encryption migration. The service does the same at start; this runs it to the end and reports.
 * Safe while the service runs, to interrupt and to run again. Exit code 2 when rows are left.
 */
runSealingCli(() => {
  const config = loadConfig(
    z.object({
      NOTIFICATION_DATABASE_URL: postgresUrl,
      IDENTITY_ENCRYPTION_KEYS: encryptionKeyRing,
    }),
  );
  const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS);
  const db = new NotificationDb(config.NOTIFICATION_DATABASE_URL);
  return {
    noun: 'contacts',
    activeKeyId: cipher.activeKeyId,
    pending: () => contactsToSeal(db, cipher),
    sealAll: (batchSize, onBatch) => sealContacts(db, cipher, { batchSize, onBatch }),
    close: () => db.$disconnect(),
  };
});
