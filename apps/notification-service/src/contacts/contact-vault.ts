import { openFields, sealFields, type IdentityCipher } from '@app/patient-data';
import type { Address, PushSubscriptionJson } from '../delivery/channels/provider';
import type { Contact } from '../generated/prisma/client';
import type { NotificationTx } from '../database/notification-db';

/** How to reach a recipient, in the clear; null = not known. */
export interface PlainContact {
  phone: string | null;
  email: string | null;
  pushSubscription: PushSubscriptionJson | null;
}

/** A change to a contact: a field left out stays, null clears it. */
export type ContactChange = Partial<PlainContact> & { locale?: string };

/**
 * The columns sealed at rest. The push subscription is sealed too: its endpoint is a capability URL
 * naming one person's browser, and with its keys anyone could push to it.
 */
const FIELDS = ['phone', 'email', 'pushSubscription'] as const;
const TABLE = 'contact';

export type StoredContact = Pick<
  Contact,
  'recipient' | 'phone' | 'email' | 'pushSubscription' | 'keyId'
>;

/** Column values that seal `plain` under the active key, bound to this recipient and column. */
export function sealContactRow(
  cipher: IdentityCipher,
  recipient: string,
  plain: PlainContact,
): Pick<Contact, 'phone' | 'email' | 'pushSubscription' | 'keyId'> {
  const s = sealFields(cipher, TABLE, recipient, FIELDS, {
    phone: plain.phone,
    email: plain.email,
    pushSubscription: plain.pushSubscription ? JSON.stringify(plain.pushSubscription) : null,
  });
  return { ...s, keyId: cipher.activeKeyId };
}

/**
 * The contact in the clear (with whichever key of the ring sealed it). A row without a key id was
 * written before the encryption migration and is plain until the start-up step seals it.
 */
export function openContactRow(cipher: IdentityCipher, row: StoredContact): PlainContact {
  const v =
    row.keyId === null
      ? { phone: row.phone, email: row.email, pushSubscription: row.pushSubscription }
      : openFields(cipher, TABLE, row.recipient, FIELDS, row);
  return {
    phone: v.phone,
    email: v.email,
    pushSubscription: v.pushSubscription
      ? (JSON.parse(v.pushSubscription) as PushSubscriptionJson)
      : null,
  };
}

/** Where a channel can send: the recipient's contact opened, or nothing when none is on file. */
export function addressOf(
  cipher: IdentityCipher,
  recipient: string,
  row: StoredContact | null,
): Address {
  const plain = row
    ? openContactRow(cipher, row)
    : { phone: null, email: null, pushSubscription: null };
  return { recipient, ...plain };
}

/**
 * Applies `change` to a recipient's contact inside `tx`: the row is locked, opened, merged and
 * sealed again as a whole under the active key, so a row is always under one key (its `key_id`)
 * and a partial update also finishes a rotation of that row.
 */
export async function writeContact(
  tx: NotificationTx,
  cipher: IdentityCipher,
  recipient: string,
  change: ContactChange,
): Promise<void> {
  await tx.$executeRaw`INSERT INTO contact (recipient, key_id) VALUES (${recipient}, ${cipher.activeKeyId})
    ON CONFLICT (recipient) DO NOTHING`;
  const [row] = await tx.$queryRaw<StoredContact[]>`
    SELECT recipient, phone, email, push_subscription AS "pushSubscription", key_id AS "keyId"
    FROM contact WHERE recipient = ${recipient} FOR UPDATE`;
  const current = openContactRow(cipher, row);
  const next: PlainContact = {
    phone: change.phone !== undefined ? change.phone : current.phone,
    email: change.email !== undefined ? change.email : current.email,
    pushSubscription:
      change.pushSubscription !== undefined ? change.pushSubscription : current.pushSubscription,
  };
  await tx.contact.update({
    where: { recipient },
    data: {
      ...sealContactRow(cipher, recipient, next),
      ...(change.locale ? { locale: change.locale } : {}),
    },
  });
}

/**
 * A provider's error text without the address it was sending to (SMTP servers quote the rejected
 * mailbox, push services the endpoint): what goes into the delivery log, dead letters and logs.
 */
export function redactAddress(text: string, address: Address): string {
  const known: Array<[string | null | undefined, string]> = [
    [address.email, '[email]'],
    [address.pushSubscription?.endpoint, '[push-endpoint]'],
    [address.phone, '[phone]'],
    [address.phone?.replace(/^\+/, ''), '[phone]'],
    [address.phone?.replace(/^\+62/, '0'), '[phone]'],
  ];
  let out = text;
  for (const [value, mask] of known) if (value) out = out.split(value).join(mask);
  return out.replace(/[^\s<>"'@,;:()[\]]+@[^\s<>"'@,;:()[\]]+\.[A-Za-z]{2,}/g, '[email]');
}
