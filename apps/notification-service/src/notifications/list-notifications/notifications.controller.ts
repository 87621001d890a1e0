import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError, ZodPipe } from '@app/http';
import {
  idParams,
  listNotificationsQuery,
  type notificationDetail,
  type notificationView,
} from '../../api/schemas';
import { toDeliveryView, toNotificationView } from '../../api/views';
import { NotificationDb } from '../../database/notification-db';
import { NotificationErrorCode } from '../../errors';

/** In-app notifications (newest first) and each one's delivery log. */
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly db: NotificationDb) {}

  /** Shown ones only: scheduled reminders appear when due; superseded ones never. */
  @Get()
  async list(
    @Query(new ZodPipe(listNotificationsQuery)) q: z.infer<typeof listNotificationsQuery>,
  ): Promise<Array<z.infer<typeof notificationView>>> {
    const rows = await this.db.notification.findMany({
      where: {
        ...(q.subject ? { subject: q.subject } : {}),
        ...(q.recipient ? { recipient: q.recipient } : {}),
        visibleAt: { lte: new Date() },
        cancelledAt: null,
      },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
    return rows.map(toNotificationView);
  }

  @Get(':id')
  async get(
    @Param(new ZodPipe(idParams)) p: z.infer<typeof idParams>,
  ): Promise<z.infer<typeof notificationDetail>> {
    const n = await this.db.notification.findUnique({
      where: { id: p.id },
      include: { deliveries: { include: { log: { orderBy: { id: 'asc' } } } } },
    });
    if (!n) throw notFound();
    return { ...toNotificationView(n), deliveries: n.deliveries.map(toDeliveryView) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(
    @Param(new ZodPipe(idParams)) p: z.infer<typeof idParams>,
  ): Promise<z.infer<typeof notificationView>> {
    const found = await this.db.notification.findUnique({ where: { id: p.id } });
    if (!found) throw notFound();
    const n = found.readAt
      ? found
      : await this.db.notification.update({ where: { id: p.id }, data: { readAt: new Date() } });
    return toNotificationView(n);
  }
}

const notFound = () =>
  new DomainError(NotificationErrorCode.NotificationNotFound, 'Notifikasi tidak ditemukan.');
