import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, TicketBookedV1 } from '@app/contracts';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../../config';
import type { NotificationTx } from '../../database/notification-db';
import { renderTicketBooked } from '../templates/ticket-booked.template';

/**
 * A booked ticket gets its confirmation, stored as an in-app notification for the patient. Runs
 * inside the inbox transaction; the unique (event, recipient, template) key backs exactly-once.
 */
@Injectable()
export class RecordTicketBooked {
  constructor(@Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig) {}

  async execute(
    event: EventEnvelope<'queue.ticket.booked', TicketBookedV1>,
    tx: NotificationTx,
  ): Promise<void> {
    const p = event.payload;
    const message = renderTicketBooked(p, 'id', this.config.PUBLIC_BASE_URL);
    await tx.notification.createMany({
      skipDuplicates: true,
      data: [
        {
          id: randomUUID(),
          eventId: event.id,
          eventType: event.type,
          recipient: p.patientRef,
          template: message.template,
          channel: 'in-app',
          locale: message.locale,
          subject: `ticket:${p.bookingCode}`,
          facilityCode: p.facilityCode,
          title: message.title,
          body: message.body,
        },
      ],
    });
  }
}
