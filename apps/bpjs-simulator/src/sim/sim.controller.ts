import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { AntrolLedger } from '../antrol/antrol-ledger';
import { Outage } from './outage';

export const outageRequest = z.object({ seconds: z.number().min(0).max(3600) }).strict();
export const receivedQuery = z
  .object({
    kodebooking: z.string().min(1).optional(),
    nik: z.string().min(1).optional(),
    nomorkartu: z.string().min(1).optional(),
  })
  .strict();

/** Test and demo controls: what was received, and BPJS downtime on demand. Not part of Antrol. */
@Controller('sim/v1')
export class SimController {
  constructor(
    private readonly ledger: AntrolLedger,
    private readonly outage: Outage,
  ) {}

  @Get('received')
  received(@Query(new ZodPipe(receivedQuery)) q: z.infer<typeof receivedQuery>) {
    return this.ledger.received(q);
  }

  @Post('outage')
  @HttpCode(200)
  startOutage(@Body(new ZodPipe(outageRequest)) body: z.infer<typeof outageRequest>) {
    const until = body.seconds > 0 ? this.outage.start(body.seconds) : (this.outage.end(), null);
    return { until: until === null ? null : new Date(until).toISOString() };
  }

  @Get('outage')
  outageState() {
    const until = this.outage.endsAt();
    return { active: until !== null, until: until === null ? null : new Date(until).toISOString() };
  }

  @Delete('received')
  @HttpCode(204)
  reset(): void {
    this.ledger.reset();
  }
}
