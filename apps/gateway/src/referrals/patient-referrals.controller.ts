import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { REFERRAL_NUMBER } from '@app/contracts';
import { CorrelationId } from '@app/http';
import { Access } from '../auth/access';
import { CurrentPrincipal } from '../auth/access.guard';
import type { Principal } from '../auth/roles';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward } from '../upstream/forward';
import { UpstreamClient } from '../upstream/upstream.client';

const enc = encodeURIComponent;
/** Path parameters of the patient's referral routes (for the API document). */
export const patientReferralParams = z.object({ referralNumber: REFERRAL_NUMBER });

/**
 * A patient's own referrals, as referral-service's patient view shows them (no NIK, card number,
 * phone or name, nothing staff wrote for staff). Who may read which one the access guard decides:
 * the referral the patient token was issued for, or any of its patientRef.
 */
@Controller('api/v1/patient/referrals')
export class PatientReferralsController {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Every referral of the token's patient; none when the token does not know its patient. */
  @Get()
  @Access({ roles: ['patient'] })
  async list(
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const patientRef = principal?.patientRef;
    if (!patientRef) {
      void reply.status(200).send([]);
      return;
    }
    await forward(
      this.upstream,
      reply,
      'GET',
      `${this.config.REFERRAL_SERVICE_URL}/v1/patient-referrals?patientRef=${enc(patientRef)}`,
      { correlationId },
    );
  }

  @Get(':referralNumber')
  @Access({ roles: ['patient'], patientReferral: 'param:referralNumber' })
  read(
    @Param('referralNumber') referralNumber: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.config.REFERRAL_SERVICE_URL}/v1/patient-referrals/${enc(referralNumber)}`,
      { correlationId },
    );
  }
}
