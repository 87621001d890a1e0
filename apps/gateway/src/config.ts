import { z } from 'zod';
import { baseServiceSchema, internalApiToken, loadConfig, port, postgresUrl } from '@app/config';

const perMinute = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const gatewayConfigSchema = baseServiceSchema.extend({
  PORT: port(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Base URL of queue-service's HTTP API, as the gateway reaches it. */
  QUEUE_SERVICE_URL: z.url(),
  REFERRAL_SERVICE_URL: z.url(),
  NOTIFICATION_SERVICE_URL: z.url(),
  /** Largest request body the edge accepts, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(64 * 1024),
  /** The gateway's own database: staff accounts and refresh tokens. */
  GATEWAY_DATABASE_URL: postgresUrl,
  /** HS256 key of access tokens; every gateway instance has the same one. */
  AUTH_JWT_SECRET: z
    .string({ error: 'required (at least 32 characters)' })
    .min(32, 'must be at least 32 characters'),
  /** Lifetime of a staff access token. */
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  /** Lifetime of a refresh token (one shift by default); each refresh issues a new one. */
  AUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(12 * 3600),
  /** Lifetime of a patient's token for one booking (the clinic day). */
  PATIENT_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 3600),
  /** A system_admin created at start when no account has this username (optional). */
  BOOTSTRAP_ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/, 'lowercase letters, digits, . _ - (3-64)')
    .optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Logins per minute from one IP for one username, and from one IP for any. */
  RATE_LIMIT_LOGIN_PER_MINUTE: perMinute(10),
  RATE_LIMIT_LOGIN_IP_PER_MINUTE: perMinute(60),
  /** Bookings per minute from one IP, and into one facility from everywhere. */
  RATE_LIMIT_BOOKING_IP_PER_MINUTE: perMinute(30),
  RATE_LIMIT_BOOKING_FACILITY_PER_MINUTE: perMinute(600),
  /** One-time codes: sends per booking per hour, and any OTP call per IP per minute. */
  RATE_LIMIT_OTP_SEND_PER_HOUR: perMinute(3),
  RATE_LIMIT_OTP_IP_PER_MINUTE: perMinute(20),
  /** The service token the gateway sends on every call to the internal services (UpstreamClient). */
  INTERNAL_API_TOKEN: internalApiToken,
  /** How long a patient's one-time code is valid. */
  OTP_TTL_SECONDS: z.coerce.number().int().min(60).max(1800).default(300),
  /**
   * Proxies in front of the gateway that append X-Forwarded-For (an ingress = 1). The client IP
   * the rate limits count is the address that many hops back; anything a client wrote itself
   * further left is ignored, so it cannot spread its requests over made-up addresses.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(1),
  /** Browser origins allowed to call the API cross-origin, comma-separated; empty = same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const loadGatewayConfig = (): GatewayConfig => loadConfig(gatewayConfigSchema);
