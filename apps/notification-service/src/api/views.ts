import type { z } from 'zod';
import type { Delivery, DeliveryAttempt, Notification } from '../generated/prisma/client';
import type { deliveryView, notificationView } from './schemas';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toNotificationView(n: Notification): z.infer<typeof notificationView> {
  return {
    id: n.id,
    eventId: n.eventId,
    eventType: n.eventType,
    recipient: n.recipient,
    template: n.template,
    channel: n.channel,
    locale: n.locale as 'id' | 'en',
    subject: n.subject,
    title: n.title,
    body: n.body,
    url: n.url,
    critical: n.critical,
    visibleAt: n.visibleAt.toISOString(),
    readAt: iso(n.readAt),
    createdAt: n.createdAt.toISOString(),
  };
}

export function toDeliveryView(
  d: Delivery & { log: DeliveryAttempt[] },
): z.infer<typeof deliveryView> {
  return {
    id: d.id,
    kind: d.kind as 'in-app' | 'message',
    status: d.status as z.infer<typeof deliveryView>['status'],
    attempts: d.attempts,
    notBefore: d.notBefore.toISOString(),
    channel: d.channel,
    provider: d.provider,
    lastError: d.lastError,
    sentAt: iso(d.sentAt),
    log: d.log.map((a) => ({
      attempt: a.attempt,
      channel: a.channel,
      provider: a.provider,
      status: a.status as 'sent' | 'failed' | 'deferred' | 'skipped',
      error: a.error,
      durationMs: a.durationMs,
      at: a.at.toISOString(),
    })),
  };
}

/** +628123456789 → +62812****789; budi@example.id → b***@example.id */
export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 6)}****${phone.slice(-3)}` : null;
}
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [user, domain] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
