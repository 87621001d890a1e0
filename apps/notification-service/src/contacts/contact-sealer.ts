import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { IdentityCipher } from '@app/patient-data';
import { NotificationDb } from '../database/notification-db';
import { sealContacts } from './seal-contacts';

/**
 * The data step of the encryption migration, and the tail of a key rotation: at start, seals every
 * contact still plain (written before encryption) or under an older key. It runs in the background
 * (reads handle both states meanwhile); several instances share the work (SKIP LOCKED).
 */
@Injectable()
export class ContactSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger('ContactSealer');

  constructor(
    private readonly db: NotificationDb,
    private readonly cipher: IdentityCipher,
  ) {}

  onApplicationBootstrap(): void {
    sealContacts(this.db, this.cipher, { batchSize: 200 })
      .then((n) => {
        if (n > 0)
          this.logger.log({ sealed: n, keyId: this.cipher.activeKeyId }, 'contacts sealed');
      })
      .catch((e: unknown) =>
        this.logger.error({ reason: (e as Error).message }, 'sealing contacts failed'),
      );
  }
}
