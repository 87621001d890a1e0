import { z } from 'zod';
import { baseServiceSchema, loadConfig, port } from '@app/config';

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
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const loadGatewayConfig = (): GatewayConfig => loadConfig(gatewayConfigSchema);
