import type { Limits } from './open-loop';

/** Everything tunable by environment: BENCH_QUICK=1 is a ~2-minute smoke run. */
const env = process.env;
const quick = env.BENCH_QUICK === '1';
const num = (name: string, full: number, smoke: number): number =>
  env[name] !== undefined ? Number(env[name]) : quick ? smoke : full;

export const BENCH = {
  quick,
  ports: {
    gateway: num('BENCH_PORT_BASE', 6300, 6300),
    'queue-service': num('BENCH_PORT_BASE', 6300, 6300) + 1,
    'referral-service': num('BENCH_PORT_BASE', 6300, 6300) + 2,
    'notification-service': num('BENCH_PORT_BASE', 6300, 6300) + 3,
  },
  kafkaPort: num('BENCH_KAFKA_PORT', 29503, 29503),
  redisPort: num('BENCH_REDIS_PORT', 6320, 6320),
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
  dbPrefix: env.BENCH_DB_PREFIX ?? 'loadbench_test',
  logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  /** Length of one step of a ramp. */
  stepMs: num('BENCH_STEP_MS', 5_000, 2_000),
  /** Length of a fixed-rate run (p50/p99 at 25/50/70 % of the sustainable rate). */
  fixedMs: num('BENCH_FIXED_MS', 8_000, 3_000),
  overloadMs: num('BENCH_OVERLOAD_MS', 10_000, 4_000),
  /** Ramps start here (the no-op route at 20 ×) and multiply by the factor each step. */
  rampStart: num('BENCH_RAMP_START', 5, 5),
  rampFactor: num('BENCH_RAMP_FACTOR', 2, 2),
  rampRefine: num('BENCH_RAMP_REFINE', 2, 1),
  rampMax: num('BENCH_RAMP_MAX', 8_000, 8_000),
  timeoutMs: num('BENCH_TIMEOUT_MS', 5_000, 5_000),
  connections: num('BENCH_CONNECTIONS', 64, 64),
  /** Facilities the spread load goes to. */
  facilities: num('BENCH_FACILITIES', 100, 20),
  /** Counters per facility used by call-next (each cycles call-next → no-show back to the line). */
  counters: num('BENCH_COUNTERS', 60, 30),
  eventRate: num('BENCH_EVENT_RATE', 20, 20),
  eventMs: num('BENCH_EVENT_MS', 15_000, 5_000),
  displays: num('BENCH_DISPLAYS', 200, 40),
  patientPages: num('BENCH_PATIENT_PAGES', 300, 60),
  fanoutRate: num('BENCH_FANOUT_RATE', 20, 10),
  fanoutMs: num('BENCH_FANOUT_MS', 15_000, 5_000),
  /** Gateway in front: offered booking rates (reads at twice these) and the length of each step. */
  gatewayRates: (env.BENCH_GATEWAY_RATES ?? (quick ? '50' : '50,150'))
    .split(',')
    .map(Number)
    .filter((r) => r > 0),
  gatewayStepMs: num('BENCH_GATEWAY_STEP_MS', 8_000, 3_000),
  /** `gateway`: only the gateway-in-front scenario (a few minutes), not the whole load bench. */
  only: env.BENCH_ONLY ?? '',
  /** Names this run's gateway results (bench/results/gateway-<label>.json), e.g. before / after. */
  gatewayLabel: env.BENCH_GATEWAY_LABEL ?? 'latest',
  redisBenchmarkRequests: num('BENCH_REDIS_REQUESTS', 200_000, 50_000),
  /** A step is sustainable when it stays within these. */
  limits: {
    p99Ms: num('BENCH_P99_LIMIT_MS', 200, 200),
    errorRate: num('BENCH_ERROR_LIMIT', 0.01, 0.01),
    goodputShare: num('BENCH_GOODPUT_SHARE', 0.95, 0.95),
  } satisfies Limits,
  /**
   * Services to run under `node --cpu-prof` (profiles in bench/results/tmp/profile/): a comma list,
   * or 1 for queue-service.
   */
  profile: (env.BENCH_PROFILE === '1' ? 'queue-service' : (env.BENCH_PROFILE ?? ''))
    .split(',')
    .filter(Boolean),
};

export type BenchConfig = typeof BENCH;
