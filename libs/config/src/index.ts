import { z } from 'zod';

export class ConfigError extends Error {}

/**
 * Parses the environment against an app's schema once, at start-up. A bad or missing value stops
 * the process with a message naming each variable at fault. Nothing else reads process.env.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = env[String(issue.path[0])];
    const shown = value === undefined ? 'not set' : `got "${redactValue(name, value)}"`;
    return `  ${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

function redactValue(name: string, value: string): string {
  return /SECRET|PASSWORD|KEY|TOKEN/.test(name) ? '***' : value;
}

/** Names of the variables a schema requires (no default, not optional): used by deployment checks. */
export function requiredVariables(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}

/** Every variable a schema reads. */
export function allVariables(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

// Building blocks shared by the apps' schemas.
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

export const kafkaBrokers = z
  .string()
  .regex(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, 'expected a comma-separated list of host:port')
  .transform((s) => s.split(','));

export const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/,
    'expected postgresql://user@host:port/database',
  );

export const redisUrl = z.string().regex(/^rediss?:\/\/.+/, 'expected redis://host:port[/db]');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Base URL of an OpenTelemetry OTLP/HTTP receiver (e.g. http://otel-collector:4318); unset = no export. */
export const otlpEndpoint = z.url({ protocol: /^https?$/ }).optional();

/** `INTERNAL_API_TOKEN`: the bearer secret internal services share for their internal endpoints. */
export const internalApiToken = z
  .string({ error: 'required (at least 32 characters)' })
  .min(32, 'must be at least 32 characters');

/**
 * The service-token variables of a service that answers internal HTTP: the current token (sent by
 * callers, accepted) and, during a rotation, one more accepted token (empty = none). See
 * serviceTokensOf and docs/operations.md, "Rotating keys and credentials".
 */
export const serviceTokenFields = {
  INTERNAL_API_TOKEN: internalApiToken,
  INTERNAL_API_TOKEN_PREVIOUS: z
    .union([z.literal(''), z.string().min(32, 'must be at least 32 characters (or empty)')])
    .default(''),
};

/** The tokens a service accepts on its HTTP routes: the current one first, then the previous one. */
export function serviceTokensOf(config: {
  INTERNAL_API_TOKEN: string;
  INTERNAL_API_TOKEN_PREVIOUS: string;
}): string[] {
  return [config.INTERNAL_API_TOKEN, config.INTERNAL_API_TOKEN_PREVIOUS].filter((t) => t !== '');
}

/**
 * How a service reaches Kafka: plaintext on a trusted network (tests, loopback), or TLS and/or
 * SASL/SCRAM. The combination rules (SASL needs a user and password) are checked where the client is
 * built, at start: see kafkaSecurityOptions in @app/messaging.
 */
export const kafkaSecurityFields = {
  KAFKA_SECURITY_PROTOCOL: z
    .enum(['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'])
    .default('plaintext'),
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** PEM file of the CA that signed the brokers' certificates; unset = the system's CAs. */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
};
export type KafkaSecurityConfig = z.infer<z.ZodObject<typeof kafkaSecurityFields>>;

/** The variables every service reads. */
export const baseServiceSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevel,
  KAFKA_BROKERS: kafkaBrokers,
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  ...kafkaSecurityFields,
  REDIS_URL: redisUrl,
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
});
