import type { EventPayload } from '@app/contracts';
import type { IdentityCipher } from '@app/patient-data';
import { writeContact } from '../contacts/contact-vault';
import type { NotificationTx } from '../database/notification-db';

export type ContactIn = NonNullable<EventPayload<'queue.ticket.booked'>['contact']>;

/**
 * Remembers how to reach a patient, from the events that carry a contact (booking, referral).
 * The newest contact wins field by field; providing it counts as consent to service messages.
 * Stored sealed under `cipher` (the at-rest ring).
 */
export async function learnContact(
  tx: NotificationTx,
  cipher: IdentityCipher,
  recipient: string,
  contact: ContactIn | undefined,
  consentSource: string,
): Promise<void> {
  if (!contact || (!contact.phone && !contact.email)) return;
  await writeContact(tx, cipher, recipient, {
    ...(contact.phone ? { phone: normalisePhone(contact.phone) } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    locale: contact.locale,
  });
  await tx.preference.createMany({
    skipDuplicates: true,
    data: [{ recipient, channels: [], consentAt: new Date(), consentSource }],
  });
}

/** Remembers what later ticket events need and do not carry. */
export async function learnTicket(
  tx: NotificationTx,
  p: EventPayload<'queue.ticket.booked'>,
): Promise<void> {
  await tx.ticketDirectory.createMany({
    skipDuplicates: true,
    data: [
      {
        ticketId: p.ticketId,
        bookingCode: p.bookingCode,
        patientRef: p.patientRef,
        facilityCode: p.facilityCode,
        poliCode: p.poliCode,
        poliName: p.poliName,
        displayNumber: p.displayNumber,
        serviceDate: p.serviceDate,
      },
    ],
  });
}

/** 08123456789 / 628123456789 / +628123456789 → +628123456789 (E.164, what gateways expect). */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.startsWith('62')) return `+${digits}`;
  if (digits.startsWith('0')) return `+62${digits.slice(1)}`;
  return `+${digits}`;
}
