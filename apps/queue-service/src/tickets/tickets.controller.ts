import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CorrelationId, ZodPipe } from '@app/http';
import { BookTicket } from './book-ticket/book-ticket.usecase';
import {
  bookTicketRequest,
  facilityCodeParam,
  type BookTicketRequest,
} from './book-ticket/book-ticket.request';
import { ReadTicket } from './read-ticket/read-ticket.usecase';
import type { TicketView } from './ticket.view';

const bookingCodeParam = z.string().regex(/^[0-9A-Z]{6,16}$/, 'kode booking tidak valid');

/** HTTP adapter for tickets: validates, then hands over to the use cases. */
@Controller('v1')
export class TicketsController {
  constructor(
    private readonly bookTicket: BookTicket,
    private readonly readTicket: ReadTicket,
  ) {}

  /** 201 with a new ticket; 200 with the same ticket when the Idempotency-Key was seen before. */
  @Post('facilities/:facilityCode/tickets')
  async book(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Body(new ZodPipe(bookTicketRequest)) body: BookTicketRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const result = await this.bookTicket.execute(facilityCode, body, {
      correlationId,
      idempotencyKey,
    });
    void reply.status(result.created ? 201 : 200);
    return result.ticket;
  }

  @Get('tickets/:bookingCode')
  @HttpCode(200)
  read(
    @Param('bookingCode', new ZodPipe(bookingCodeParam)) bookingCode: string,
  ): Promise<TicketView> {
    return this.readTicket.execute(bookingCode);
  }
}
