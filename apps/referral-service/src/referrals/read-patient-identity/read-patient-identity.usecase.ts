import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { ReferralDb } from '../../database/referral-db';
import { ReferralErrorCode } from '../../errors';

/** Who reads and why: both go to `identity_access` with every read. */
export interface IdentityReader {
  accessor: string;
  purpose: string;
}

/** A referral's patient identifiers, as the referring facility gave them. null = not given. */
export interface ReferralPatientIdentity {
  referralId: string;
  nik: string | null;
  cardNumber: string | null;
  phone: string | null;
}

const FIELDS = ['nik', 'cardNumber', 'phone'] as const;

/**
 * Reads a referral's patient identifiers for another service (queue-service, booking the
 * hospital ticket). The audit row is written in the same transaction before anything is
 * returned: no read without a trace.
 */
@Injectable()
export class ReadPatientIdentity {
  constructor(private readonly db: ReferralDb) {}

  execute(referralId: string, reader: IdentityReader): Promise<ReferralPatientIdentity> {
    return this.db.$transaction(async (tx) => {
      const r = await tx.referral.findUnique({
        where: { id: referralId },
        select: { patientNik: true, patientCardNumber: true, patientPhone: true },
      });
      if (!r) {
        throw new DomainError(ReferralErrorCode.NotFound, 'Rujukan tidak ditemukan.', {
          id: referralId,
        });
      }
      const identity: ReferralPatientIdentity = {
        referralId,
        nik: r.patientNik,
        cardNumber: r.patientCardNumber,
        phone: r.patientPhone,
      };
      await tx.identityAccess.create({
        data: {
          referralId,
          accessor: reader.accessor,
          purpose: reader.purpose,
          fields: FIELDS.filter((f) => identity[f] !== null),
        },
      });
      return identity;
    });
  }
}
