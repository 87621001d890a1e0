import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { internalCallLabel, ZodPipe } from '@app/http';
import { ReferralDb } from '../../database/referral-db';
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
 * identifiers, for queue-service to store with the ticket it books. Every read audited (the
 * service token, as every route).
 */
@Controller('internal/v1/referrals')
export class InternalIdentityController {
  constructor(
    private readonly read: ReadPatientIdentity,
    private readonly db: ReferralDb,
  ) {}

  @Get(':id/patient-identity')
  patientIdentity(
    @Headers('x-caller') caller: string | undefined,
    @Headers('x-actor') actor: string | undefined,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<ReferralPatientIdentity> {
    const referralId = new ZodPipe(referralIdParam).transform(id);
    const { purpose } = new ZodPipe(identityReadQuery).transform(query);
    const service = new ZodPipe(internalCallLabel).transform(caller);
    return this.read.execute(referralId, { ...identityReaderOf(actor, service), purpose });
  }

  /**
   * The audit trail of one referral's patient identifiers: every read, creation and erasure,
   * oldest first (who, through which service, why, which fields, when).
   */
  @Get(':id/identity-access')
  async identityAccess(@Param('id') id: string): Promise<IdentityAccessView[]> {
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
