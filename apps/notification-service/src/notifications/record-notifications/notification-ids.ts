import { createHash } from 'node:crypto';

/** A UUID derived from its parts: the same event, recipient and template always give the same id. */
export function derivedUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const notificationIdOf = (eventId: string, recipient: string, template: string): string =>
  derivedUuid('notification', eventId, recipient, template);

export const deliveryIdOf = (notificationId: string, kind: DeliveryKind): string =>
  derivedUuid('delivery', notificationId, kind);

export type DeliveryKind = 'in-app' | 'message';
