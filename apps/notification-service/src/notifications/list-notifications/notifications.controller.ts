import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { NotificationDb } from '../../database/notification-db';

const listQuery = z
  .object({
    subject: z
      .string()
      .regex(/^[a-z]+:[0-9A-Za-z_-]{1,64}$/)
      .optional(),
    recipient: z
      .string()
      .regex(/^p_[0-9A-Za-z_-]{8,64}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => q.subject || q.recipient, { message: 'isi subject atau recipient' });

/** In-app notifications, newest first, by what they are about or by recipient. */
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly db: NotificationDb) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>): Promise<unknown[]> {
    const rows = await this.db.notification.findMany({
      where: {
        ...(q.subject ? { subject: q.subject } : {}),
        ...(q.recipient ? { recipient: q.recipient } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
    return rows.map((n) => ({
      id: n.id,
      eventId: n.eventId,
      eventType: n.eventType,
      template: n.template,
      channel: n.channel,
      locale: n.locale,
      subject: n.subject,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
    }));
  }
}
