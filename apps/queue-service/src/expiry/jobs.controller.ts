import { Body, Controller, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import type { ErasureResult } from '@app/patient-data';
import { ErasePatientData } from '../patient-identity/erase-patient-data';
import { ExpireTickets } from './expire-tickets.usecase';

export const expireRequest = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();

/** Runs scheduled jobs on demand (operators, tests). Off unless ENABLE_JOB_ENDPOINTS=true. */
@Controller('internal/v1/jobs')
export class JobsController {
  constructor(
    private readonly expire: ExpireTickets,
    private readonly erase: ErasePatientData,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  @Post('expire-tickets')
  @HttpCode(200)
  async expireTickets(
    @Body(new ZodPipe(expireRequest)) body: z.infer<typeof expireRequest>,
  ): Promise<{ expired: number }> {
    if (!this.config.ENABLE_JOB_ENDPOINTS) throw new NotFoundException();
    return { expired: await this.expire.run(body.at ? new Date(body.at) : new Date()) };
  }

  /** Retention now: erases the identifiers of tickets closed more than the retention days before `at`. */
  @Post('erase-patient-data')
  @HttpCode(200)
  async erasePatientData(
    @Body(new ZodPipe(expireRequest)) body: z.infer<typeof expireRequest>,
  ): Promise<ErasureResult> {
    if (!this.config.ENABLE_JOB_ENDPOINTS) throw new NotFoundException();
    return this.erase.run(body.at ? new Date(body.at) : new Date());
  }
}
