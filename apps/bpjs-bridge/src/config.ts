import { z } from 'zod';
import {
  kafkaBrokers,
  kafkaSecurityFields,
  loadConfig,
  logLevel,
  otlpEndpoint,
  port,
  postgresUrl,
  serviceTokenFields,
} from '@app/config';

export const bridgeConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevel,
  KAFKA_BROKERS: kafkaBrokers,
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  ...kafkaSecurityFields,
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
  PORT: port(3005),
  HOST: z.string().default('127.0.0.1'),
  BPJS_BRIDGE_DATABASE_URL: postgresUrl,
  /** How often the sender looks for due Antrol calls. */
  ANTROL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
  /** First retry delay of a failed call; doubles per attempt, with jitter. */
  ANTROL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
  /** Longest wait between two attempts: calls are never dropped, only slowed down. */
  ANTROL_RETRY_MAX_MS: z.coerce.number().int().min(100).default(300_000),
  /** Per-request timeout of an Antrol call. */
  ANTROL_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** queue-service's internal base URL: antrean/add reads the patient's identifiers there. */
  QUEUE_SERVICE_URL: z.url({ error: 'expected http://host:port of queue-service' }),
  /** Service token: required on every HTTP route of this service and sent on its own calls. */
  ...serviceTokenFields,
});

export type BridgeConfig = z.infer<typeof bridgeConfigSchema>;
export const BRIDGE_CONFIG = Symbol('BRIDGE_CONFIG');
export const loadBridgeConfig = (): BridgeConfig => loadConfig(bridgeConfigSchema);
