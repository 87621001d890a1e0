import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import { DomainError, ZodPipe } from '@app/http';
import { ReferralDb } from '../database/referral-db';
import { ReferralErrorCode } from '../errors';

export const registerWebhookRequest = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'URL webhook harus http(s)://...' }),
    /** Shared secret for the HMAC signature; at least 32 characters. */
    secret: z.string().min(32, 'secret minimal 32 karakter').max(200),
  })
  .strict();
export type RegisterWebhookRequest = z.infer<typeof registerWebhookRequest>;

export const webhookView = z.object({
  facilityCode: FACILITY_CODE,
  url: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});

export const deliveriesQuery = z
  .object({ status: z.enum(['pending', 'delivered']).optional() })
  .strict();

export const deliveryView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  referralId: z.uuid(),
  status: z.enum(['pending', 'delivered']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

/** A hospital registers where its referral events are POSTed, and sees what was delivered. */
@Controller('v1/hospitals/:facilityCode')
export class WebhooksController {
  constructor(private readonly db: ReferralDb) {}

  @Put('webhook')
  async register(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
    @Body(new ZodPipe(registerWebhookRequest)) body: RegisterWebhookRequest,
  ): Promise<z.infer<typeof webhookView>> {
    const w = await this.db.hospitalWebhook.upsert({
      where: { facilityCode },
      create: { facilityCode, url: body.url, secret: body.secret },
      update: { url: body.url, secret: body.secret, active: true },
    });
    return { facilityCode, url: w.url, active: w.active, updatedAt: w.updatedAt.toISOString() };
  }

  @Get('webhook')
  async read(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
  ): Promise<z.infer<typeof webhookView>> {
    const w = await this.db.hospitalWebhook.findUnique({ where: { facilityCode } });
    if (!w) throw notFound(facilityCode);
    return { facilityCode, url: w.url, active: w.active, updatedAt: w.updatedAt.toISOString() };
  }

  /** Stops new deliveries; pending ones wait until a webhook is registered again. */
  @Delete('webhook')
  @HttpCode(204)
  async remove(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
  ): Promise<void> {
    const { count } = await this.db.hospitalWebhook.updateMany({
      where: { facilityCode },
      data: { active: false },
    });
    if (count === 0) throw notFound(facilityCode);
  }

  @Get('webhook-deliveries')
  async deliveries(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
    @Query(new ZodPipe(deliveriesQuery)) query: z.infer<typeof deliveriesQuery>,
  ): Promise<Array<z.infer<typeof deliveryView>>> {
    const rows = await this.db.webhookDelivery.findMany({
      where: { facilityCode, ...(query.status ? { status: query.status } : {}) },
      orderBy: { seq: 'desc' },
      take: 200,
    });
    return rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      referralId: d.referralId,
      status: d.status === 'delivered' ? 'delivered' : 'pending',
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    }));
  }
}

function notFound(facilityCode: string): DomainError {
  return new DomainError(
    ReferralErrorCode.WebhookNotFound,
    `Faskes ${facilityCode} belum mendaftarkan webhook.`,
  );
}
