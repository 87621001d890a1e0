import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { STATIONS } from '@app/contracts';
import { CorrelationId, ZodPipe } from '@app/http';
import { facilityCodeParam } from '../tickets/book-ticket/book-ticket.request';
import { toTicketView, type TicketView } from '../tickets/ticket.view';
import { CounterDirectory, type CounterInfo } from './counter-directory';
import { CounterOperations } from './counter-operations';
import { CounterQueueQuery, type CounterQueue } from './counter-queue.usecase';

export const counterCodeParam = z.string().regex(/^[A-Z0-9-]{1,20}$/, 'kode loket tidak valid');
export const noShowRequest = z.object({ returnToQueue: z.boolean().default(false) }).strict();
export const finishRequest = z
  .object({ next: z.enum(['poli', 'farmasi', 'done']).optional() })
  .strict();
export const transferRequest = z
  .object({
    toStation: z.enum(STATIONS),
    toPoliCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .strict();

/** What a front desk does at its counter. */
@Controller('v1/facilities/:facilityCode/counters')
export class CountersController {
  constructor(
    private readonly ops: CounterOperations,
    private readonly counters: CounterDirectory,
    private readonly queue: CounterQueueQuery,
  ) {}

  @Get()
  list(@Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string): Promise<CounterInfo[]> {
    return this.counters.list(f);
  }

  /** The desk console: the ticket at this counter and the waiting list in call order. */
  @Get(':counterCode/queue')
  waiting(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
  ): Promise<CounterQueue> {
    return this.queue.execute(f, c);
  }

  @Post(':counterCode/call-next')
  @HttpCode(200)
  async callNext(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.ops.callNext(f, c, correlationId));
  }

  @Post(':counterCode/recall')
  @HttpCode(200)
  async recall(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.ops.recall(f, c, correlationId));
  }

  @Post(':counterCode/no-show')
  @HttpCode(200)
  async noShow(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @Body(new ZodPipe(noShowRequest)) body: z.infer<typeof noShowRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.ops.noShow(f, c, body.returnToQueue, correlationId));
  }

  @Post(':counterCode/start')
  @HttpCode(200)
  async start(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.ops.startService(f, c, correlationId));
  }

  @Post(':counterCode/finish')
  @HttpCode(200)
  async finish(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @Body(new ZodPipe(finishRequest)) body: z.infer<typeof finishRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(await this.ops.finishService(f, c, body.next, correlationId));
  }

  @Post(':counterCode/transfer')
  @HttpCode(200)
  async transfer(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) f: string,
    @Param('counterCode', new ZodPipe(counterCodeParam)) c: string,
    @Body(new ZodPipe(transferRequest)) body: z.infer<typeof transferRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<TicketView> {
    return toTicketView(
      await this.ops.transfer(f, c, body.toStation, body.toPoliCode, correlationId),
    );
  }
}
