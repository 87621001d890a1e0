import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { IdentityCipher } from '@app/patient-data';
import { ReferralDb } from '../../database/referral-db';
import { ReferralErrorCode } from '../../errors';
import type { IdentityReader } from '../../patients/identity-audit';
import { openReferralIdentity } from '../../patients/referral-identity';

/** A referral's patient identifiers, as the referring facility gave them. null = not given. */
export interface ReferralPatientIdentity {
  referralId: string;
  nik: string | null;
  cardNumber: string | null;
  phone: string | null;
}

const FIELDS = ['nik', 'cardNumber', 'phone'] as const;

/**
 * Reads and decrypts a referral's patient identifiers for another service (queue-service, booking
 * the hospital ticket). The audit row is written in the same transaction before anything is
 * returned: no read without a trace.
 */
@Injectable()
export class ReadPatientIdentity {
  constructor(
    private readonly db: ReferralDb,
    private readonly cipher: IdentityCipher,
  ) {}

  execute(
    referralId: string,
    reader: IdentityReader & { purpose: string },
  ): Promise<ReferralPatientIdentity> {
    return this.db.$transaction(async (tx) => {
      const r = await tx.referral.findUnique({ where: { id: referralId } });
      if (!r) {
        throw new DomainError(ReferralErrorCode.NotFound, 'Rujukan tidak ditemukan.', {
          id: referralId,
        });
      }
      const plain = openReferralIdentity(this.cipher, r);
      const identity: ReferralPatientIdentity = {
        referralId,
        nik: plain.nik,
        cardNumber: plain.cardNumber,
        phone: plain.phone,
      };
      // An erased referral still gets its (empty) read recorded: someone asked.
      await tx.identityAccess.create({
        data: {
          referralId,
          accessor: reader.accessor,
          caller: reader.caller,
          action: 'read',
          purpose: reader.purpose,
          fields: FIELDS.filter((f) => identity[f] !== null),
        },
      });
      return identity;
    });
  }
}
