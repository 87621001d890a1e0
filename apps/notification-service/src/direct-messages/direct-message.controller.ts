import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FACILITY_CODE, PATIENT_REF } from '@app/contracts';
import { DomainError, internalCallLabel, ZodPipe } from '@app/http';
import { NotificationDb } from '../database/notification-db';
import { Dispatcher } from '../delivery/dispatcher/dispatcher';
import { NotificationErrorCode } from '../errors';

const message = {
  title: z.string().min(1).max(80),
  text: z.string().min(1).max(320),
  /** Who asks, e.g. `gateway:patient-otp` (kept as the notification's event type). */
  caller: internalCallLabel,
};
/**
 * To the patient of a booking, or to a patient by their patientRef (e.g. the patient of a referral,
 * whose contact this service learned from its `referral.sent`, or a later booking). Exactly one.
 */
export const directMessageBody = z.union([
  z.object({ bookingCode: z.string().regex(/^[0-9A-Z]{6,16}$/), ...message }).strict(),
  z
    .object({
      patientRef: PATIENT_REF,
      /** What the message is about, e.g. `referral:<id>` (listed by `?subject=`). */
      subject: z.string().regex(/^[a-z]+:[0-9A-Za-z_-]{1,64}$/),
      /** The facility it concerns (e.g. the referral's origin), as every notification has one. */
      facilityCode: FACILITY_CODE,
      ...message,
    })
    .strict(),
]);
export const directMessageAnswer = z.object({ notificationId: z.uuid() });

/**
 * Internal only (never routed by the gateway's public API; the service token, as every route):
 * sends a given text to the patient of a booking or of a patientRef, on their message channels,
 * recorded as a notification with its delivery like every other message. The gateway sends
 * patients' one-time codes here (for a booking, or for a referral by its patientRef): only this
 * service holds the phone numbers.
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
    const target = await this.recipientOf(req);
    const id = randomUUID();
    const now = new Date();
    await this.db.$transaction([
      this.db.notification.create({
        data: {
          id,
          eventId: randomUUID(),
          eventType: req.caller,
          recipient: target.recipient,
          template: 'direct-message',
          channel: 'in-app',
          locale: 'id',
          subject: target.subject,
          facilityCode: target.facilityCode,
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
          recipient: target.recipient,
          critical: true,
          notBefore: now,
        },
      }),
    ]);
    this.dispatcher.kick();
    return { notificationId: id };
  }

  /** Who the message is for: a booking's patient, or a patient with a contact on file. */
  private async recipientOf(
    req: z.infer<typeof directMessageBody>,
  ): Promise<{ recipient: string; subject: string; facilityCode: string }> {
    if ('bookingCode' in req) {
      const ticket = await this.db.ticketDirectory.findFirst({
        where: { bookingCode: req.bookingCode },
      });
      if (!ticket)
        throw new DomainError(
          NotificationErrorCode.BookingNotFound,
          `Tiket ${req.bookingCode} tidak dikenal.`,
        );
      const { patientRef, bookingCode, facilityCode } = ticket;
      return { recipient: patientRef, subject: `ticket:${bookingCode}`, facilityCode };
    }
    // Without a phone or e-mail the message could only fail later: refuse it now.
    const contact = await this.db.contact.findUnique({ where: { recipient: req.patientRef } });
    if (!contact?.phone && !contact?.email)
      throw new DomainError(
        NotificationErrorCode.RecipientNotFound,
        'Penerima belum memiliki kontak yang dapat dihubungi.',
      );
    const { patientRef, subject, facilityCode } = req;
    return { recipient: patientRef, subject, facilityCode };
  }
}
