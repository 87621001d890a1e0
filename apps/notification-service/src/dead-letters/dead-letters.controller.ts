import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError, ZodPipe } from '@app/http';
import { idParams, listDeadLettersQuery, type deadLetterView } from '../api/schemas';
import { NotificationDb } from '../database/notification-db';
import { Dispatcher } from '../delivery/dispatcher/dispatcher';
import { NotificationErrorCode } from '../errors';

type View = z.infer<typeof deadLetterView>;

/** Deliveries that failed N times: list them, and replay one once its cause is fixed. */
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly db: NotificationDb,
    private readonly dispatcher: Dispatcher,
  ) {}

  @Get()
  async list(
    @Query(new ZodPipe(listDeadLettersQuery)) q: z.infer<typeof listDeadLettersQuery>,
  ): Promise<View[]> {
    const letters = await this.db.deliveryDeadLetter.findMany({
      where: q.includeReplayed === 'true' ? {} : { replayedAt: null },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
    const deliveries = await this.db.delivery.findMany({
      where: { id: { in: letters.map((l) => l.deliveryId) } },
      include: { notification: { select: { template: true } } },
    });
    const byId = new Map(deliveries.map((d) => [d.id, d]));
    return letters.map((l) => {
      const d = byId.get(l.deliveryId);
      return {
        id: l.id,
        deliveryId: l.deliveryId,
        notificationId: d?.notificationId ?? l.deliveryId,
        recipient: d?.recipient ?? '',
        template: d?.notification.template ?? '',
        reason: l.reason,
        attempts: l.attempts,
        createdAt: l.createdAt.toISOString(),
        replayedAt: l.replayedAt?.toISOString() ?? null,
      };
    });
  }

  /** Puts the delivery back in line from its first provider, with a fresh attempt budget. */
  @Post(':id/replay')
  @HttpCode(202)
  async replay(
    @Param(new ZodPipe(idParams)) p: z.infer<typeof idParams>,
  ): Promise<{ deliveryId: string }> {
    const deliveryId = await this.db.$transaction(async (tx) => {
      const letter = await tx.deliveryDeadLetter.findUnique({ where: { id: p.id } });
      if (!letter)
        throw new DomainError(
          NotificationErrorCode.DeadLetterNotFound,
          'Dead letter tidak ditemukan.',
        );
      const claimed = await tx.deliveryDeadLetter.updateMany({
        where: { id: p.id, replayedAt: null },
        data: { replayedAt: new Date() },
      });
      if (claimed.count === 0)
        throw new DomainError(
          NotificationErrorCode.DeadLetterAlreadyReplayed,
          'Dead letter ini sudah dikirim ulang.',
        );
      await tx.delivery.updateMany({
        where: { id: letter.deliveryId, status: 'dead' },
        data: { status: 'pending', attempts: 0, step: 0, stepFailures: 0, notBefore: new Date() },
      });
      return letter.deliveryId;
    });
    this.dispatcher.kick();
    return { deliveryId };
  }
}
