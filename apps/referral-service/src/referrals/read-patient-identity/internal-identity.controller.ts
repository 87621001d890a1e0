import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { internalCallLabel, requireBearerToken, ZodPipe } from '@app/http';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralDb } from '../../database/referral-db';
import { ReferralErrorCode } from '../../errors';
import { identityReaderOf } from '../../patients/identity-audit';
import { referralIdParam } from '../referrals.controller';
import { ReadPatientIdentity, type ReferralPatientIdentity } from './read-patient-identity.usecase';

/** One audit row as the internal endpoint shows it. */
export interface IdentityAccessView {
  accessor: string;
  caller: string | null;
  action: string;
  purpose: string;
  fields: string[];
  at: string;
}

/** Why the identifiers are read, e.g. `referral-booking` (kept in the audit table). */
export const identityReadQuery = z.object({ purpose: internalCallLabel }).strict();

/**
 * Internal only (service to service, never routed by the gateway): a referral's patient
 * identifiers, for queue-service to store with the ticket it books. Bearer token, every read audited.
 */
@Controller('internal/v1/referrals')
export class InternalIdentityController {
  constructor(
    private readonly read: ReadPatientIdentity,
    private readonly db: ReferralDb,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  @Get(':id/patient-identity')
  patientIdentity(
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-caller') caller: string | undefined,
    @Headers('x-actor') actor: string | undefined,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<ReferralPatientIdentity> {
    // Authentication first: an unauthenticated caller learns nothing, not even what is malformed.
    requireBearerToken(
      authorization,
      this.config.INTERNAL_API_TOKEN,
      ReferralErrorCode.InternalAuthRequired,
    );
    const referralId = new ZodPipe(referralIdParam).transform(id);
    const { purpose } = new ZodPipe(identityReadQuery).transform(query);
    const service = new ZodPipe(internalCallLabel).transform(caller);
    return this.read.execute(referralId, { ...identityReaderOf(actor, service), purpose });
  }

  /**
   * The audit trail of one referral's patient identifiers: every read, creation and erasure,
   * oldest first (who, through which service, why, which fields, when). Bearer token.
   */
  @Get(':id/identity-access')
  async identityAccess(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') id: string,
  ): Promise<IdentityAccessView[]> {
    requireBearerToken(
      authorization,
      this.config.INTERNAL_API_TOKEN,
      ReferralErrorCode.InternalAuthRequired,
    );
    const referralId = new ZodPipe(referralIdParam).transform(id);
    const rows = await this.db.identityAccess.findMany({
      where: { referralId },
      orderBy: { seq: 'asc' },
      take: 1000,
    });
    return rows.map((r) => ({
      accessor: r.accessor,
      caller: r.caller,
      action: r.action,
      purpose: r.purpose,
      fields: r.fields,
      at: r.at.toISOString(),
    }));
  }
}
