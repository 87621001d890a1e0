import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { BridgeDb } from '../database/bridge-db';
import { facilityParams } from '../credentials/credentials.controller';

export const antrolQuery = z
  .object({
    status: z.enum(['pending', 'failed', 'sent']).optional(),
    kodebooking: z.string().min(1).max(50).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const antrolCallView = z.object({
  seq: z.string(),
  kodebooking: z.string(),
  kind: z.string(),
  taskId: z.number().nullable(),
  status: z.enum(['pending', 'failed', 'sent']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastCode: z.number().nullable(),
  lastMessage: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  body: z.unknown(),
});
export const antrolListView = z.object({
  facilityCode: z.string(),
  counts: z.object({ pending: z.number(), failed: z.number(), sent: z.number() }),
  calls: z.array(antrolCallView),
});
type AntrolListView = z.infer<typeof antrolListView>;

/** Per facility: what BPJS has got, what is still on its way, and what it refused. */
@Controller('v1/facilities/:code/antrol')
export class AntrolViewController {
  constructor(private readonly db: BridgeDb) {}

  @Get()
  async list(
    @Param(new ZodPipe(facilityParams)) p: z.infer<typeof facilityParams>,
    @Query(new ZodPipe(antrolQuery)) q: z.infer<typeof antrolQuery>,
  ): Promise<AntrolListView> {
    const [rows, grouped] = await Promise.all([
      this.db.antrolCall.findMany({
        where: {
          facilityCode: p.code,
          ...(q.status && { status: q.status }),
          ...(q.kodebooking && { kodebooking: q.kodebooking }),
        },
        orderBy: { seq: 'asc' },
        take: q.limit,
      }),
      this.db.antrolCall.groupBy({
        by: ['status'],
        where: { facilityCode: p.code },
        _count: { _all: true },
      }),
    ]);
    const counts = { pending: 0, failed: 0, sent: 0 };
    for (const g of grouped) counts[g.status as keyof typeof counts] = g._count._all;
    return {
      facilityCode: p.code,
      counts,
      calls: rows.map((r) => ({
        seq: r.seq.toString(),
        kodebooking: r.kodebooking,
        kind: r.kind,
        taskId: r.taskId,
        status: r.status as 'pending' | 'failed' | 'sent',
        attempts: r.attempts,
        nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
        lastCode: r.lastCode,
        lastMessage: r.lastMessage,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
        body: r.body,
      })),
    };
  }
}
