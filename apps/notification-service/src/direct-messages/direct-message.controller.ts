import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, internalCallLabel, ZodPipe } from '@app/http';
import { NotificationDb } from '../database/notification-db';
import { Dispatcher } from '../delivery/dispatcher/dispatcher';
import { NotificationErrorCode } from '../errors';

export const directMessageBody = z
  .object({
    bookingCode: z.string().regex(/^[0-9A-Z]{6,16}$/),
    title: z.string().min(1).max(80),
    text: z.string().min(1).max(320),
    /** Who asks, e.g. `gateway:patient-otp` (kept as the notification's event type). */
    caller: internalCallLabel,
  })
  .strict();
export const directMessageAnswer = z.object({ notificationId: z.uuid() });

/**
 * Internal only (never routed by the gateway's public API; the service token, as every route): sends a
 * given text to the patient of a booking, on their message channels, recorded as a notification
 * with its delivery like every other message. The gateway sends patients' one-time codes here:
 * only this service holds the phone numbers.
 */
@Controller('internal/v1/direct-messages')
export class DirectMessageController {
  constructor(
    private readonly db: NotificationDb,
    private readonly dispatcher: Dispatcher,
  ) {}

  @Post()
  @HttpCode(202)
  async send(@Body() body: unknown): Promise<z.infer<typeof directMessageAnswer>> {
    const req = new ZodPipe(directMessageBody).transform(body);
    const ticket = await this.db.ticketDirectory.findFirst({
      where: { bookingCode: req.bookingCode },
    });
    if (!ticket)
      throw new DomainError(
        NotificationErrorCode.BookingNotFound,
        `Tiket ${req.bookingCode} tidak dikenal.`,
      );
    const id = randomUUID();
    const now = new Date();
    await this.db.$transaction([
      this.db.notification.create({
        data: {
          id,
          eventId: randomUUID(),
          eventType: req.caller,
          recipient: ticket.patientRef,
          template: 'direct-message',
          channel: 'in-app',
          locale: 'id',
          subject: `ticket:${ticket.bookingCode}`,
          facilityCode: ticket.facilityCode,
          title: req.title,
          body: req.text,
          critical: true,
          visibleAt: now,
        },
      }),
      this.db.delivery.create({
        data: {
          id: randomUUID(),
          notificationId: id,
          kind: 'message',
          status: 'pending',
          recipient: ticket.patientRef,
          critical: true,
          notBefore: now,
        },
      }),
    ]);
    this.dispatcher.kick();
    return { notificationId: id };
  }
}
