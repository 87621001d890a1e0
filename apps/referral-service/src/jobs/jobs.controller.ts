import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, ZodPipe } from '@app/http';
import type { ErasureResult } from '@app/patient-data';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ErasePatientData } from '../patients/erase-patient-data';
import { ReferralErrorCode } from '../errors';
import {
  ExpireReferrals,
  type ExpiryResult,
} from '../referrals/expire-referrals/expire-referrals.usecase';

export const expireJobRequest = z
  .object({
    /** A pretend "now" (ISO time), to test expiry without waiting 90 days. Refused in production. */
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Internal operations (not routed by the gateway). Running the sweep now is useful after an
 * outage; the fake clock is what tests use to cross the 90 days through the real code path.
 */
@Controller('internal/v1/jobs')
export class JobsController {
  constructor(
    private readonly expire: ExpireReferrals,
    private readonly erase: ErasePatientData,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  @Post('expire-referrals')
  @HttpCode(200)
  run(
    @Body(new ZodPipe(expireJobRequest)) body: z.infer<typeof expireJobRequest>,
  ): Promise<ExpiryResult> {
    if (body.now && this.config.NODE_ENV === 'production') {
      throw new DomainError(
        ReferralErrorCode.ClockOverrideRefused,
        'Waktu pengganti ("now") hanya boleh di luar produksi.',
      );
    }
    return this.expire.execute(body.now ? new Date(body.now) : new Date());
  }

  /** Retention now (a pretend `now` outside production, as for expiry). */
  @Post('erase-patient-data')
  @HttpCode(200)
  erasePatientData(
    @Body(new ZodPipe(expireJobRequest)) body: z.infer<typeof expireJobRequest>,
  ): Promise<ErasureResult> {
    if (body.now && this.config.NODE_ENV === 'production') {
      throw new DomainError(
        ReferralErrorCode.ClockOverrideRefused,
        'Waktu pengganti ("now") hanya boleh di luar produksi.',
      );
    }
    return this.erase.run(body.now ? new Date(body.now) : new Date());
  }
}
