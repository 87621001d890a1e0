import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommonErrorCode, CorrelationId, DomainError } from '@app/http';
import { Access } from '../auth/access';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward, queryOf } from '../upstream/forward';
import { UpstreamClient } from '../upstream/upstream.client';
import { maskReferralList } from './referral-privacy';

const enc = encodeURIComponent;
/** What the receiving hospital does with a referral (cancel is the sender's: its own route). */
export const REFERRAL_ACTIONS = [
  'receive',
  'accept',
  'decline',
  'forward',
  'attend',
  'no-show',
  'complete',
  'back-referral',
] as const;
/** Query parameters passed on to referral-service (the API document names them too). */
export const REFERRAL_LIST_QUERY = ['status', 'limit'] as const;
export const DESTINATIONS_QUERY = ['origin', 'poli', 'subspecialty', 'date', 'limit'] as const;
type ReferralAction = (typeof REFERRAL_ACTIONS)[number];
const isReferralAction = (a: string): a is ReferralAction =>
  (REFERRAL_ACTIONS as readonly string[]).includes(a);

/**
 * The referral pages' API: the FKTP's form (diagnosis, destinations, create) and sent list, the
 * hospital's inbox and what its desk does with a referral. referral-service owns the rules; the
 * edge forwards, with the correlation id and the creation's Idempotency-Key. Its internal routes
 * (patient identity, jobs) are never routed here. Staff see only referrals their facility sent,
 * received or forwarded (the access guard reads the referral's parties).
 */
@Controller('api/v1')
export class ReferralsController {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private get referral(): string {
    return this.config.REFERRAL_SERVICE_URL;
  }

  @Post('referrals')
  @Access({ roles: ['fktp_doctor'], facility: 'body:originFacilityCode' })
  create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(this.upstream, reply, 'POST', `${this.referral}/v1/referrals`, {
      correlationId,
      body: body ?? {},
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  @Get('referrals/:id')
  @Access({ roles: ['fktp_doctor', 'hospital_referral'], referral: 'param:id' })
  read(
    @Param('id') id: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(this.upstream, reply, 'GET', `${this.referral}/v1/referrals/${enc(id)}`, {
      correlationId,
    });
  }

  /** The sending FKTP withdraws its referral. */
  @Post('referrals/:id/cancel')
  @HttpCode(200)
  @Access({ roles: ['fktp_doctor'], referral: 'param:id' })
  cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'POST',
      `${this.referral}/v1/referrals/${enc(id)}/cancel`,
      {
        correlationId,
        body: body ?? {},
      },
    );
  }

  @Post('referrals/:id/:action')
  @HttpCode(200)
  @Access({ roles: ['hospital_referral'], referral: 'param:id' })
  act(
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isReferralAction(action)) {
      throw new DomainError(CommonErrorCode.NotFound, 'Tindakan rujukan tidak dikenal.');
    }
    return forward(
      this.upstream,
      reply,
      'POST',
      `${this.referral}/v1/referrals/${enc(id)}/${action}`,
      { correlationId, body: body ?? {} },
    );
  }

  /** What an FKTP sent, newest first, with each one's status (identifiers masked). */
  @Get('facilities/:facilityCode/referrals')
  @Access({ roles: ['fktp_doctor'], facility: 'param:facilityCode' })
  sent(
    @Param('facilityCode') facilityCode: string,
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = queryOf(query, REFERRAL_LIST_QUERY);
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.referral}/v1/facilities/${enc(facilityCode)}/referrals${q}`,
      { correlationId },
      maskReferralList,
    );
  }

  /** A hospital's inbox: referrals sent or forwarded to it (identifiers masked). */
  @Get('hospitals/:facilityCode/referrals')
  @Access({ roles: ['hospital_referral'], facility: 'param:facilityCode' })
  inbox(
    @Param('facilityCode') facilityCode: string,
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = queryOf(query, REFERRAL_LIST_QUERY);
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.referral}/v1/hospitals/${enc(facilityCode)}/referrals${q}`,
      { correlationId },
      maskReferralList,
    );
  }

  /** Hospitals for a referral, ranked by competency, distance and load. */
  @Get('referral-destinations')
  @Access({ roles: ['fktp_doctor'], facility: 'query:origin' })
  destinations(
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = queryOf(query, DESTINATIONS_QUERY);
    return forward(this.upstream, reply, 'GET', `${this.referral}/v1/referral-destinations${q}`, {
      correlationId,
    });
  }

  /** An ICD-10 code's name, and whether the FKTP should treat it itself (then TACC is needed). */
  @Get('diagnoses/:code')
  @Access({ roles: ['fktp_doctor', 'hospital_referral'] })
  diagnosis(
    @Param('code') code: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(this.upstream, reply, 'GET', `${this.referral}/v1/diagnoses/${enc(code)}`, {
      correlationId,
    });
  }
}
