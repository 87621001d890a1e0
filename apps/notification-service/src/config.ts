import { z } from 'zod';
import {
  baseServiceSchema,
  booleanFlag,
  loadConfig,
  port,
  postgresUrl,
  serviceTokenFields,
} from '@app/config';
import { encryptionKeyRing } from '@app/patient-data';

/** A comma-separated list of URLs; empty means the channel is off. Order = failover order. */
const urlList = (protocols: RegExp) =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((u) => protocols.test(u) && URL.canParse(u)), {
      message: 'expected comma-separated URLs',
    });

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
export const QUIET_HOURS = z
  .string()
  .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'expected HH:MM-HH:MM or off');

export const CHANNELS = ['whatsapp', 'sms', 'email', 'web-push'] as const;
export type MessageChannel = (typeof CHANNELS)[number];

export const notificationConfigSchema = baseServiceSchema.extend({
  PORT: port(3003),
  HOST: z.string().default('127.0.0.1'),
  NOTIFICATION_DATABASE_URL: postgresUrl,
  /** Keys that open the contacts sealed in booking and referral events (same value as the producers'). */
  CONTACT_ENCRYPTION_KEYS: encryptionKeyRing,
  /**
   * Its own at-rest key ring of the stored contacts (phone, e-mail, push subscription): not the
   * producers' CONTACT_ENCRYPTION_KEYS, so their secrets do not open this database, and each ring
   * rotates on its own schedule.
   */
  IDENTITY_ENCRYPTION_KEYS: encryptionKeyRing,
  /** Where patients open their live ticket; used in message links. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  /** Local time of facilities: reminders and quiet hours are in it. */
  TIMEZONE: z.string().default('Asia/Jakarta'),

  /** Email: SMTP servers in failover order (smtp://host:port, smtps://user:pass@host:465). */
  SMTP_URLS: urlList(/^smtps?:\/\//),
  SMTP_FROM: z.string().default('Antrean Rujukan <notifikasi@antrean.local>'),
  /** SMS and WhatsApp HTTP gateways in failover order; empty = channel off. */
  SMS_GATEWAY_URLS: urlList(/^https?:\/\//),
  WHATSAPP_GATEWAY_URLS: urlList(/^https?:\/\//),
  /** Web push: on when both VAPID keys are set. */
  VAPID_PUBLIC_KEY: z.string().min(20).optional(),
  VAPID_PRIVATE_KEY: z.string().min(20).optional(),
  VAPID_SUBJECT: z.string().default('mailto:notifikasi@antrean.local'),
  /** Channel order for recipients without a preference. */
  CHANNEL_ORDER: z
    .string()
    .default('whatsapp,sms,email,web-push')
    .transform((s) => s.split(',').map((c) => c.trim()))
    .pipe(z.array(z.enum(CHANNELS)).min(1)),

  DISPATCHER_ENABLED: booleanFlag(true),
  DISPATCH_BATCH_SIZE: int(50, 1),
  DISPATCH_CONCURRENCY: int(8, 1),
  DISPATCH_POLL_MS: int(500, 10),
  /** A claimed delivery not finished in this time (the process died) is taken again. */
  DISPATCH_LEASE_MS: int(30_000, 1_000),
  /** Failed attempts before a delivery becomes a dead letter. */
  DISPATCH_MAX_ATTEMPTS: int(8, 1),
  /** Failed attempts on one provider before the next provider or channel is tried. */
  DISPATCH_RETRIES_PER_PROVIDER: int(2, 1),
  DISPATCH_RETRY_BASE_MS: int(2_000, 1),
  DISPATCH_RETRY_MAX_MS: int(300_000, 1),
  PROVIDER_TIMEOUT_MS: int(5_000, 100),
  /** Token bucket per provider: sustained messages per second (burst = the same number). */
  PROVIDER_RATE_PER_SEC: int(20, 1),

  /** Default quiet hours (local time) when a recipient chose none; "off" for none. */
  QUIET_HOURS_DEFAULT: QUIET_HOURS.default('21:00-06:00'),
  /** Local time of the day-before reminder. */
  REMINDER_DAY_BEFORE_AT: clock.default('18:00'),
  REMINDER_BEFORE_SESSION_MINUTES: int(60, 1),
  CHECKIN_OPENS_MINUTES_BEFORE: int(30, 1),
  /** A reminder due sooner than this after booking is not planned (the confirmation says it). */
  REMINDER_MIN_LEAD_SECONDS: int(600),
  /** Service token: required on every HTTP route of this service and sent on its own calls. */
  ...serviceTokenFields,
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');
export const loadNotificationConfig = (): NotificationConfig =>
  loadConfig(notificationConfigSchema);
