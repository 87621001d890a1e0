import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContactCipher, IdentityCipher, openContact } from '@app/patient-data';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../../config';
import type { NotificationTx } from '../../database/notification-db';
import { learnContact, learnTicket, type ContactIn } from '../../directory/recipient-directory';
import { planEvent, ticketIdsOf } from '../plan/plan-event';
import type { HandledEvent } from '../plan/plan';
import { REMINDER_TEMPLATE_KEYS } from '../templates/catalog';
import type { Locale } from '../templates/template';
import { deliveryIdOf, notificationIdOf } from './notification-ids';

/**
 * Turns one event into its notifications, inside the inbox transaction: learns contacts and
 * tickets, plans who is told what, renders each message in the recipient's language, and writes
 * the notification rows with their delivery jobs. Nothing is sent here: the dispatcher sends after
 * commit, so a Kafka redelivery or a crash never sends twice from this side.
 */
@Injectable()
export class RecordNotifications {
  private readonly logger = new Logger('RecordNotifications');

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly contacts: ContactCipher,
    /** The at-rest ring the learned contacts are stored under. */
    private readonly atRest: IdentityCipher,
  ) {}

  async execute(event: HandledEvent, tx: NotificationTx): Promise<void> {
    await this.learn(event, tx);
    const ids = ticketIdsOf(event);
    const tickets = ids.length
      ? await tx.ticketDirectory.findMany({ where: { ticketId: { in: ids } } })
      : [];
    const now = new Date();
    const { plans, supersedes } = planEvent(event, {
      config: this.config,
      now,
      tickets: new Map(tickets.map((t) => [t.ticketId, t])),
    });
    if (supersedes) await cancelReminders(tx, supersedes, now);
    if (plans.length === 0) return;

    const recipients = [...new Set(plans.map((p) => p.recipient))];
    const contacts = await tx.contact.findMany({ where: { recipient: { in: recipients } } });
    const localeOf = new Map(contacts.map((c) => [c.recipient, c.locale as Locale]));
    const rows = plans.map((p) => {
      const message = p.template.render(p.vars, {
        locale: localeOf.get(p.recipient) ?? 'id',
        timeZone: this.config.TIMEZONE,
      });
      return {
        id: notificationIdOf(event.id, p.recipient, message.template),
        eventId: event.id,
        eventType: event.type,
        recipient: p.recipient,
        template: message.template,
        channel: 'in-app',
        locale: message.locale,
        subject: p.subject,
        facilityCode: p.facilityCode,
        title: message.title,
        body: message.body,
        url: p.url,
        critical: p.template.definition.critical,
        visibleAt: p.visibleAt ?? now,
      };
    });
    await tx.notification.createMany({ data: rows, skipDuplicates: true });
    await tx.delivery.createMany({
      skipDuplicates: true,
      data: rows.flatMap((n) =>
        (['in-app', 'message'] as const).map((kind) => ({
          id: deliveryIdOf(n.id, kind),
          notificationId: n.id,
          kind,
          status: 'pending',
          recipient: n.recipient,
          critical: n.critical,
          notBefore: n.visibleAt,
        })),
      ),
    });
  }

  private async learn(event: HandledEvent, tx: NotificationTx): Promise<void> {
    if (event.type === 'queue.ticket.booked') {
      await learnTicket(tx, event.payload);
      const p = event.payload;
      const contact = p.contact ?? this.open(event.id, p.patientRef, p.sealedContact, p.locale);
      await learnContact(tx, this.atRest, p.patientRef, contact, `booking:${p.source}`);
    } else if (event.type === 'referral.sent') {
      const p = event.payload;
      const { contact: plain, sealedContact, locale } = p.patient;
      const contact = plain ?? this.open(event.id, p.patientRef, sealedContact, locale);
      await learnContact(tx, this.atRest, p.patientRef, contact, 'referral');
    }
  }

  /**
   * A sealed contact in the clear. One this service cannot open (a key it was not given) costs the
   * patient their SMS/e-mail for this event, not the in-app notification: logged, not retried.
   */
  private open(
    eventId: string,
    patientRef: string,
    sealed: string | undefined,
    locale: 'id' | 'en' | undefined,
  ): ContactIn | undefined {
    if (!sealed) return undefined;
    try {
      return { ...openContact(this.contacts, patientRef, sealed), locale: locale ?? 'id' };
    } catch (e) {
      this.logger.warn({ eventId, reason: (e as Error).message }, 'sealed contact not readable');
      return undefined;
    }
  }
}

/** Reminders of a ticket that is checked in, cancelled or expired no longer apply. */
async function cancelReminders(tx: NotificationTx, subject: string, now: Date): Promise<void> {
  const pending = await tx.notification.findMany({
    where: {
      subject,
      template: { in: REMINDER_TEMPLATE_KEYS },
      cancelledAt: null,
      visibleAt: { gt: now },
    },
    select: { id: true },
  });
  if (pending.length === 0) return;
  const ids = pending.map((n) => n.id);
  await tx.notification.updateMany({ where: { id: { in: ids } }, data: { cancelledAt: now } });
  await tx.delivery.updateMany({
    where: { notificationId: { in: ids }, status: 'pending' },
    data: { status: 'cancelled' },
  });
}
