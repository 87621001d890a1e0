import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { IdentityCipher } from '@app/patient-data';
import { ReferralDb } from '../database/referral-db';
import { sealIdentities } from './seal-identities';

/**
 * The data step of the encryption migration, and the tail of a key rotation: at start, seals every
 * referral whose identifiers are still plain (written before encryption) or under an older key. It
 * runs in the background (reads handle both states meanwhile); several instances share the work.
 */
@Injectable()
export class IdentitySealer implements OnApplicationBootstrap {
  private readonly logger = new Logger('IdentitySealer');

  constructor(
    private readonly db: ReferralDb,
    private readonly cipher: IdentityCipher,
  ) {}

  onApplicationBootstrap(): void {
    sealIdentities(this.db, this.cipher, { batchSize: 200 })
      .then((n) => {
        if (n > 0)
          this.logger.log({ sealed: n, keyId: this.cipher.activeKeyId }, 'identities sealed');
      })
      .catch((e: unknown) =>
        this.logger.error({ reason: (e as Error).message }, 'sealing identities failed'),
      );
  }
}
