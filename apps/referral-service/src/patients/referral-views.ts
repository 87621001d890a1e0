import { Injectable } from '@nestjs/common';
import { IdentityCipher } from '@app/patient-data';
import { ReferralDb } from '../database/referral-db';
import type { Referral } from '../generated/prisma/client';
import { toFhirBundle } from '../referrals/fhir/to-fhir-bundle';
import { isReferralStatus } from '../referrals/referral-status';
import { toReferralView, type ReferralView } from '../referrals/referral.view';
import { recordIdentityAccess, type IdentityAction, type IdentityReader } from './identity-audit';
import { disclosedFields, openReferralIdentity, withIdentity } from './referral-identity';

/**
 * Every answer that shows a referral's patient identifiers goes through here: they are decrypted
 * and the disclosure is audited (who, which referral, which fields, why) before it is returned.
 */
@Injectable()
export class ReferralViews {
  constructor(
    private readonly db: ReferralDb,
    private readonly cipher: IdentityCipher,
  ) {}

  async one(
    r: Referral,
    reader: IdentityReader,
    purpose: string,
    action: IdentityAction = 'read',
  ): Promise<ReferralView> {
    const [view] = await this.many([r], reader, purpose, action);
    return view;
  }

  async many(
    rows: Referral[],
    reader: IdentityReader,
    purpose: string,
    action: IdentityAction = 'read',
  ): Promise<ReferralView[]> {
    const opened = rows.map((r) => openReferralIdentity(this.cipher, r));
    await recordIdentityAccess(
      this.db,
      reader,
      action,
      purpose,
      rows.map((r, i) => ({ referralId: r.id, fields: disclosedFields(opened[i]) })),
    );
    return rows.map((r, i) => toReferralView(withIdentity(r, opened[i])));
  }

  async fhir(r: Referral, reader: IdentityReader): Promise<Record<string, unknown>> {
    const opened = openReferralIdentity(this.cipher, r);
    await recordIdentityAccess(this.db, reader, 'read', 'fhir', [
      { referralId: r.id, fields: disclosedFields(opened) },
    ]);
    return toFhirBundle(withIdentity(r, opened), isReferralStatus(r.status) ? r.status : 'sent');
  }
}
