import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { internalCallLabel, requireBearerToken, ZodPipe } from '@app/http';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralErrorCode } from '../../errors';
import { referralIdParam } from '../referrals.controller';
import { ReadPatientIdentity, type ReferralPatientIdentity } from './read-patient-identity.usecase';

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
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  @Get(':id/patient-identity')
  patientIdentity(
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-caller') caller: string | undefined,
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
    const accessor = new ZodPipe(internalCallLabel).transform(caller);
    return this.read.execute(referralId, { accessor, purpose });
  }
}
