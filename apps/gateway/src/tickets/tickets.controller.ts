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
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward, queryOf } from '../upstream/forward';
import { UpstreamClient } from '../upstream/upstream.client';

const enc = encodeURIComponent;

/**
 * The public booking API. queue-service owns the rules and validation; the edge forwards the
 * request with its correlation and idempotency keys and answers with queue-service's answer.
 */
@Controller('api/v1')
export class TicketsController {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private get queue(): string {
    return this.config.QUEUE_SERVICE_URL;
  }

  @Post('facilities/:facilityCode/tickets')
  book(
    @Param('facilityCode') facilityCode: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'POST',
      `${this.queue}/v1/facilities/${enc(facilityCode)}/tickets`,
      {
        correlationId,
        body: body ?? {},
        headers: { 'idempotency-key': idempotencyKey },
      },
    );
  }

  @Get('tickets/:bookingCode')
  read(
    @Param('bookingCode') bookingCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(this.upstream, reply, 'GET', `${this.queue}/v1/tickets/${enc(bookingCode)}`, {
      correlationId,
    });
  }

  /** The patient's live ticket: position, now called, estimated time (pushed changes re-read it). */
  @Get('tickets/:bookingCode/status')
  status(
    @Param('bookingCode') bookingCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.queue}/v1/tickets/${enc(bookingCode)}/status`,
      {
        correlationId,
      },
    );
  }

  /** Check-in at the facility (the patient scans the facility's QR code) and cancel before it. */
  @Post('tickets/:bookingCode/:action')
  @HttpCode(200)
  act(
    @Param('bookingCode') bookingCode: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (action !== 'check-in' && action !== 'cancel') {
      throw new DomainError(CommonErrorCode.NotFound, 'Tindakan tiket tidak dikenal.');
    }
    return forward(
      this.upstream,
      reply,
      'POST',
      `${this.queue}/v1/tickets/${enc(bookingCode)}/${action}`,
      {
        correlationId,
        body: body ?? {},
      },
    );
  }

  /** A facility's waiting-room board, as public as the display itself (no ticket ids). */
  @Get('facilities/:facilityCode/board')
  board(
    @Param('facilityCode') facilityCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.queue}/v1/facilities/${enc(facilityCode)}/board`,
      { correlationId },
      publicBoard,
    );
  }

  /** A day's practice sessions of a poli with the quota left: what a patient chooses from. */
  @Get('facilities/:facilityCode/sessions')
  sessions(
    @Param('facilityCode') facilityCode: string,
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = queryOf(query, ['poliCode', 'date']);
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.queue}/v1/facilities/${enc(facilityCode)}/sessions${q}`,
      {
        correlationId,
      },
    );
  }

  @Get('facilities')
  facilities(@CorrelationId() correlationId: string, @Res() reply: FastifyReply): Promise<void> {
    return forward(this.upstream, reply, 'GET', `${this.queue}/v1/facilities`, { correlationId });
  }
}

/** Drops internal ids from the board before it reaches a public screen. */
function publicBoard(body: unknown): unknown {
  const board = body as { nowCalled?: Array<Record<string, unknown>> };
  if (!Array.isArray(board.nowCalled)) return body;
  return {
    ...board,
    nowCalled: board.nowCalled.map(({ ticketId: _ticketId, ...rest }) => rest),
  };
}
