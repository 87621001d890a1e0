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
import { CorrelationId } from '@app/http';
import { Access, Public } from '../auth/access';
import { by, RateLimit } from '../auth/rate-limit';
import { AccessTokens } from '../auth/tokens';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward, queryOf } from '../upstream/forward';
import { browserTicket, patientRefOf } from './ticket-answer';
import { UpstreamClient } from '../upstream/upstream.client';

const enc = encodeURIComponent;
/** Query parameters passed on to queue-service's sessions (the API document names them too). */
export const SESSIONS_QUERY = ['poliCode', 'date'] as const;
/** A ticket: the patient's own (their token), or the desk of the ticket's facility. */
const OWN_TICKET = { roles: ['patient', 'desk'], booking: 'param:bookingCode' } as const;

/**
 * The public booking API. queue-service owns the rules and validation; the edge forwards the
 * request with its correlation and idempotency keys and answers with queue-service's answer.
 */
@Controller('api/v1')
export class TicketsController {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly tokens: AccessTokens,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private get queue(): string {
    return this.config.QUEUE_SERVICE_URL;
  }

  /**
   * Booking is open to anyone (rate-limited per IP and per facility); the answer carries the
   * patient's token for that booking, which opens the live ticket page.
   */
  @Post('facilities/:facilityCode/tickets')
  @Public('anyone may book (rate-limited per IP and per facility)')
  @RateLimit(
    {
      name: 'booking-ip',
      windowSeconds: 60,
      max: (c) => c.RATE_LIMIT_BOOKING_IP_PER_MINUTE,
      key: by.ip,
    },
    {
      name: 'booking-facility',
      windowSeconds: 60,
      max: (c) => c.RATE_LIMIT_BOOKING_FACILITY_PER_MINUTE,
      key: by.param('facilityCode'),
    },
  )
  async book(
    @Param('facilityCode') facilityCode: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const res = await this.upstream.call(
      'POST',
      `${this.queue}/v1/facilities/${enc(facilityCode)}/tickets`,
      {
        correlationId,
        body: body ?? {},
        headers: { 'idempotency-key': idempotencyKey },
      },
    );
    const ticket = res.body as {
      bookingCode?: unknown;
      facilityCode?: unknown;
      patientRef?: unknown;
    } | null;
    if (res.status >= 300 || typeof ticket?.bookingCode !== 'string') {
      // queue-service's admission control answers 503 with Retry-After: the client needs both.
      if (res.retryAfter !== undefined) void reply.header('retry-after', res.retryAfter);
      void reply.status(res.status).send(res.body);
      return;
    }
    // The token knows its patient (their referrals, their inbox); the answer does not carry it.
    const patientAccess = await this.tokens.forPatient({
      bookingCode: ticket.bookingCode,
      facilityCode: typeof ticket.facilityCode === 'string' ? ticket.facilityCode : null,
      patientRef: patientRefOf(ticket),
    });
    void reply.status(res.status).send({ ...(browserTicket(ticket) as object), patientAccess });
  }

  @Get('tickets/:bookingCode')
  @Access(OWN_TICKET)
  read(
    @Param('bookingCode') bookingCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.queue}/v1/tickets/${enc(bookingCode)}`,
      { correlationId },
      browserTicket,
    );
  }

  /** The patient's live ticket: position, now called, estimated time (pushed changes re-read it). */
  @Get('tickets/:bookingCode/status')
  @Access(OWN_TICKET)
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

  /** Check-in at the facility: the patient scans the facility's QR code there (public, by booking code). */
  @Post('tickets/:bookingCode/check-in')
  @HttpCode(200)
  @Public('check-in happens at the facility by its QR code; the booking code is the secret')
  checkIn(
    @Param('bookingCode') bookingCode: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.ticketAction(bookingCode, 'check-in', body, correlationId, reply);
  }

  /** Cancel before check-in: the patient (their token) or the facility's desk. */
  @Post('tickets/:bookingCode/cancel')
  @HttpCode(200)
  @Access(OWN_TICKET)
  cancel(
    @Param('bookingCode') bookingCode: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.ticketAction(bookingCode, 'cancel', body, correlationId, reply);
  }

  private ticketAction(
    bookingCode: string,
    action: 'check-in' | 'cancel',
    body: unknown,
    correlationId: string,
    reply: FastifyReply,
  ): Promise<void> {
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
  @Public('the waiting-room board is shown on a public screen')
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
  @Public('what a patient chooses from when booking')
  sessions(
    @Param('facilityCode') facilityCode: string,
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = queryOf(query, SESSIONS_QUERY);
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
  @Public('the facility list of the booking page')
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
