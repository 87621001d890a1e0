import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CorrelationId, ZodPipe } from '@app/http';
import {
  bookTicketRequest,
  facilityCodeParam,
  priorityRequest,
  type BookTicketRequest,
} from './book-ticket/book-ticket.request';
import { BookTicket } from './book-ticket/book-ticket.usecase';
import { BookingAdmission } from './book-ticket/booking-admission';
import { CancelTicket } from './cancel-ticket/cancel-ticket.usecase';
import { CheckIn } from './check-in/check-in.usecase';
import { ReadTicket, type TicketHistory } from './read-ticket/read-ticket.usecase';
import { SetPriority } from './set-priority/set-priority.usecase';
import { TicketStatusQuery, type TicketStatus } from './ticket-status/ticket-status.usecase';
import { toTicketView, type OwnedTicketView, type TicketView } from './ticket.view';

export const bookingCodeParam = z.string().regex(/^[0-9A-Z]{6,16}$/, 'kode booking tidak valid');
export const cancelRequest = z
  .object({
    reason: z.string().trim().min(3, 'alasan pembatalan wajib diisi').max(500),
    by: z.enum(['patient', 'staff']).default('patient'),
  })
  .strict();

/** HTTP adapter for tickets: validates, then hands over to the use cases. */
@Controller('v1')
export class TicketsController {
  constructor(
    private readonly bookTicket: BookTicket,
    private readonly readTicket: ReadTicket,
    private readonly status: TicketStatusQuery,
    private readonly checkIn: CheckIn,
    private readonly cancelTicket: CancelTicket,
    private readonly setPriority: SetPriority,
  ) {}

  /**
   * 201 with a new ticket; 200 with the same ticket when the Idempotency-Key was seen before; 503
   * with Retry-After when the instance already works on BOOKING_MAX_IN_FLIGHT bookings.
   */
  @Post('facilities/:facilityCode/tickets')
  @UseInterceptors(BookingAdmission)
  async book(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Body(new ZodPipe(bookTicketRequest)) body: BookTicketRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OwnedTicketView> {
    const result = await this.bookTicket.execute(facilityCode, body, {
      correlationId,
      idempotencyKey,
    });
    void reply.status(result.created ? 201 : 200);
    return result.ticket;
  }

  @Get('tickets/:bookingCode')
  read(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
  ): Promise<OwnedTicketView> {
    return this.readTicket.execute(bookingCode);
  }

  /** sisaantrean: position, now called, estimated time, remaining quota. */
  @Get('tickets/:bookingCode/status')
  liveStatus(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
  ): Promise<TicketStatus> {
    return this.status.execute(bookingCode);
  }

  /** Every transition and BPJS task id of a ticket, in order. */
  @Get('tickets/:bookingCode/history')
  history(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
  ): Promise<TicketHistory> {
    return this.readTicket.history(bookingCode);
  }

  @Post('tickets/:bookingCode/check-in')
  @HttpCode(200)
  async checkInTicket(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.checkIn.execute(bookingCode, correlationId));
  }

  @Post('tickets/:bookingCode/cancel')
  @HttpCode(200)
  async cancel(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
    @Body(new ZodPipe(cancelRequest)) body: z.infer<typeof cancelRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(
      await this.cancelTicket.execute(bookingCode, body.reason, body.by, correlationId),
    );
  }

  @Post('tickets/:bookingCode/priority')
  @HttpCode(200)
  async priority(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
    @Body(new ZodPipe(priorityRequest)) body: z.infer<typeof priorityRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(
      await this.setPriority.execute(bookingCode, body.category, body.reason, correlationId),
    );
  }
}
