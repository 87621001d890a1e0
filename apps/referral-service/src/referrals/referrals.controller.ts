import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import { CorrelationId, ZodPipe } from '@app/http';
import { Reader, type IdentityReader } from '../patients/identity-audit';
import { ReferralViews } from '../patients/referral-views';
import {
  CancelReferral,
  cancelReferralRequest,
  type CancelReferralRequest,
} from './cancel-referral/cancel-referral.usecase';
import {
  backReferRequest,
  completeReferralRequest,
  type BackReferRequest,
  type CompleteReferralRequest,
} from './close-loop/close-loop.requests';
import { CloseLoop } from './close-loop/close-loop.usecase';
import {
  createReferralRequest,
  type CreateReferralRequest,
} from './create-referral/create-referral.request';
import { CreateReferral } from './create-referral/create-referral.usecase';
import {
  ListReferrals,
  listReferralsQuery,
  type ListReferralsQuery,
} from './list-referrals/list-referrals.usecase';
import { RecordVisit } from './record-visit/record-visit.usecase';
import { ReferralStore } from './referral-store';
import type { ReferralView } from './referral.view';
import {
  acceptReferralRequest,
  declineReferralRequest,
  forwardReferralRequest,
  type AcceptReferralRequest,
  type DeclineReferralRequest,
  type ForwardReferralRequest,
} from './respond-to-referral/respond.requests';
import { RespondToReferral } from './respond-to-referral/respond-to-referral.usecase';

export const referralIdParam = z.uuid('id rujukan tidak valid');
const id = () => new ZodPipe(referralIdParam);

/** HTTP adapter for referrals: validates, then hands over to the use cases. */
@Controller('v1')
export class ReferralsController {
  constructor(
    private readonly create: CreateReferral,
    private readonly respond: RespondToReferral,
    private readonly visits: RecordVisit,
    private readonly loop: CloseLoop,
    private readonly cancelling: CancelReferral,
    private readonly lists: ListReferrals,
    private readonly store: ReferralStore,
    private readonly views: ReferralViews,
  ) {}

  /** 201 with a new referral; 200 with the same referral when the Idempotency-Key was seen before. */
  @Post('referrals')
  async createReferral(
    @Body(new ZodPipe(createReferralRequest)) body: CreateReferralRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Reader() reader: IdentityReader,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralView> {
    const result = await this.create.execute(body, { correlationId, idempotencyKey });
    void reply.status(result.created ? 201 : 200);
    return result.created
      ? this.views.one(result.referral, reader, 'create-referral', 'create')
      : this.views.one(result.referral, reader, 'create-referral-replay');
  }

  @Get('referrals/:id')
  async read(
    @Param('id', id()) referralId: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.store.require(referralId), reader, 'read-referral');
  }

  @Get('referrals/:id/fhir')
  async fhir(
    @Param('id', id()) referralId: string,
    @Reader() reader: IdentityReader,
  ): Promise<Record<string, unknown>> {
    return this.views.fhir(await this.store.require(referralId), reader);
  }

  @Post('referrals/:id/receive')
  @HttpCode(200)
  async receive(
    @Param('id', id()) referralId: string,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ) {
    return this.views.one(await this.respond.receive(referralId, c), reader, 'receive');
  }

  @Post('referrals/:id/accept')
  @HttpCode(200)
  async accept(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(acceptReferralRequest)) body: AcceptReferralRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.respond.accept(referralId, body, c), reader, 'accept');
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  async decline(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(declineReferralRequest)) body: DeclineReferralRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.respond.decline(referralId, body, c), reader, 'decline');
  }

  @Post('referrals/:id/forward')
  @HttpCode(200)
  async forward(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(forwardReferralRequest)) body: ForwardReferralRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.respond.forward(referralId, body, c), reader, 'forward');
  }

  @Post('referrals/:id/attend')
  @HttpCode(200)
  async attend(
    @Param('id', id()) referralId: string,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ) {
    return this.views.one(await this.visits.attended(referralId, c), reader, 'attend');
  }

  @Post('referrals/:id/no-show')
  @HttpCode(200)
  async noShow(
    @Param('id', id()) referralId: string,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ) {
    return this.views.one(await this.visits.noShow(referralId, c), reader, 'noShow');
  }

  @Post('referrals/:id/complete')
  @HttpCode(200)
  async complete(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(completeReferralRequest)) body: CompleteReferralRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.loop.complete(referralId, body, c), reader, 'complete');
  }

  @Post('referrals/:id/back-referral')
  @HttpCode(200)
  async backRefer(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(backReferRequest)) body: BackReferRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.loop.backRefer(referralId, body, c), reader, 'backRefer');
  }

  @Post('referrals/:id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', id()) referralId: string,
    @Body(new ZodPipe(cancelReferralRequest)) body: CancelReferralRequest,
    @CorrelationId() c: string,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView> {
    return this.views.one(await this.cancelling.execute(referralId, body, c), reader, 'cancel');
  }

  /** Everything an FKTP sent, each with its live status. */
  @Get('facilities/:facilityCode/referrals')
  async sent(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
    @Query(new ZodPipe(listReferralsQuery)) q: ListReferralsQuery,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView[]> {
    return this.views.many(await this.lists.sentBy(facilityCode, q), reader, 'list-sent');
  }

  /** A hospital's inbox: what was sent or forwarded to it. */
  @Get('hospitals/:facilityCode/referrals')
  async inbox(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
    @Query(new ZodPipe(listReferralsQuery)) q: ListReferralsQuery,
    @Reader() reader: IdentityReader,
  ): Promise<ReferralView[]> {
    return this.views.many(await this.lists.inboxOf(facilityCode, q), reader, 'list-inbox');
  }
}
