import { z } from 'zod';
import { CHANNELS, QUIET_HOURS } from '../config';

/** The HTTP API's schemas: validated by ZodPipe, and the source of the OpenAPI document. */

export const RECIPIENT = z
  .string()
  .regex(/^(p_[0-9A-Za-z_-]{8,64}|facility:[0-9A-Z]{8})$/, 'p_<ref> or facility:<kode PPK>');
export const recipientParams = z.object({ recipient: RECIPIENT }).strict();
export const idParams = z.object({ id: z.uuid() }).strict();

export const listNotificationsQuery = z
  .object({
    subject: z
      .string()
      .regex(/^[a-z]+:[0-9A-Za-z_-]{1,64}$/)
      .optional(),
    recipient: RECIPIENT.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => q.subject || q.recipient, { message: 'isi subject atau recipient' });

export const notificationView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  recipient: z.string(),
  template: z.string().meta({ examples: ['ticket-called@1'] }),
  channel: z.string(),
  locale: z.enum(['id', 'en']),
  subject: z.string(),
  title: z.string(),
  body: z.string(),
  url: z.string().nullable(),
  critical: z.boolean(),
  visibleAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const attemptView = z.object({
  attempt: z.number().int(),
  channel: z.string(),
  provider: z.string(),
  status: z.enum(['sent', 'failed', 'deferred', 'skipped']),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.iso.datetime(),
});

export const deliveryView = z.object({
  id: z.uuid(),
  kind: z.enum(['in-app', 'message']),
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'cancelled', 'dead']),
  attempts: z.number().int(),
  notBefore: z.iso.datetime(),
  channel: z.string().nullable(),
  provider: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  log: z.array(attemptView),
});

export const notificationDetail = notificationView.extend({ deliveries: z.array(deliveryView) });

export const pushSubscription = z
  .object({
    endpoint: z.url(),
    keys: z.object({ p256dh: z.string().min(10), auth: z.string().min(8) }).strict(),
  })
  .strict();

export const contactBody = z
  .object({
    phone: z
      .string()
      .regex(/^(\+62|62|0)8\d{7,12}$/)
      .nullable()
      .optional(),
    email: z.email().nullable().optional(),
    locale: z.enum(['id', 'en']).optional(),
    pushSubscription: pushSubscription.nullable().optional(),
  })
  .strict();

export const preferencesBody = z
  .object({
    /** Ordered channel choice; empty = the default order. */
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
    optOut: z.boolean().optional(),
    /** "HH:MM-HH:MM" local time, "off", or null for the default. */
    quietHours: QUIET_HOURS.nullable().optional(),
    /** Who recorded the consent and how (e.g. "desk:3329R001", "web"). */
    consentSource: z.string().min(1).max(100),
  })
  .strict();

export const recipientView = z.object({
  recipient: z.string(),
  contact: z
    .object({
      phone: z.string().nullable().meta({ description: 'masked' }),
      email: z.string().nullable().meta({ description: 'masked' }),
      locale: z.string(),
      pushSubscription: z.boolean(),
    })
    .nullable(),
  preferences: z
    .object({
      channels: z.array(z.string()),
      optOut: z.boolean(),
      quietHours: z.string().nullable(),
      consentAt: z.iso.datetime().nullable(),
      consentSource: z.string().nullable(),
    })
    .nullable(),
});

export const listDeadLettersQuery = z
  .object({
    includeReplayed: z.enum(['true', 'false']).default('false'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const deadLetterView = z.object({
  id: z.uuid(),
  deliveryId: z.uuid(),
  notificationId: z.uuid(),
  recipient: z.string(),
  template: z.string(),
  reason: z.string(),
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  replayedAt: z.iso.datetime().nullable(),
});

export const templateView = z.object({
  key: z.string(),
  name: z.string(),
  version: z.number().int(),
  critical: z.boolean(),
  audience: z.enum(['patient', 'staff']),
  locales: z.array(z.enum(['id', 'en'])),
});

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    errorId: z.string().optional(),
  }),
});
