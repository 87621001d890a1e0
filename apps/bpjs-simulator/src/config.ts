import { z } from 'zod';
import { loadConfig, logLevel, otlpEndpoint, port } from '@app/config';

/** `consId:secret:userKey`, comma-separated: the facilities this simulated BPJS knows. */
const credentialList = z
  .string()
  .regex(/^[^:,]+:[^:,]+:[^:,]+(,[^:,]+:[^:,]+:[^:,]+)*$/, 'expected consId:secret:userKey[,...]')
  .transform((s) =>
    s.split(',').map((entry) => {
      const [consId, secret, userKey] = entry.split(':');
      return { consId, secret, userKey };
    }),
  );

/** Only for local runs and tests: the simulator never holds real BPJS credentials. */
export const DEMO_CREDENTIALS = 'demo-cons-id:demo-secret-0123456789:demo-user-key';

export const simulatorConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevel,
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
  PORT: port(3090),
  HOST: z.string().default('127.0.0.1'),
  BPJS_SIM_CREDENTIALS: credentialList.prefault(DEMO_CREDENTIALS),
  /** How far X-timestamp may be from the simulator's clock (BPJS refuses stale signatures). */
  BPJS_SIM_TIMESTAMP_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
});

export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;
export const SIMULATOR_CONFIG = Symbol('SIMULATOR_CONFIG');
export const loadSimulatorConfig = (): SimulatorConfig => loadConfig(simulatorConfigSchema);
