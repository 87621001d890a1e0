import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { assertTestDatabase, pgPoolConfigFromUrl } from '@app/database';
import {
  databaseEnv,
  DIST_DIR,
  PrivateKafka,
  PrivateRedis,
  REPO_ROOT,
  ServiceProcess,
  SERVICES,
  type ServiceName,
  type StackSettings,
  TEST_GATEWAY_LIMITS,
} from '@app/testing';
import { BENCH } from './config';

export const RESULTS_DIR = join(REPO_ROOT, 'bench/results');
export const LOG_DIR = join(RESULTS_DIR, 'tmp/logs');
export const PROFILE_DIR = join(RESULTS_DIR, 'tmp/profile');

export interface BenchStack {
  settings: StackSettings;
  procs: Record<ServiceName, ServiceProcess>;
  kafka: PrivateKafka;
  redis: PrivateRedis;
  dbUrl: (service: 'queue' | 'notification') => string;
  stop(): Promise<void>;
}

function databases(): Record<
  'queue' | 'referral' | 'notification' | 'bpjsBridge' | 'gateway',
  string
> {
  const p = BENCH.dbPrefix;
  return {
    queue: `${p}_queue`,
    referral: `${p}_referral`,
    notification: `${p}_notification`,
    bpjsBridge: `${p}_bpjs_bridge`,
    gateway: `${p}_gateway`,
  };
}

const dbUrl = (name: string): string => {
  const url = `${BENCH.postgresUrl.replace(/\/$/, '')}/${name}`;
  assertTestDatabase(url); // the bench drops and recreates these: never a real database
  return url;
};

/**
 * The bench's own Kafka broker and Redis (private ports: nothing shared with tests or other
 * runs), fresh databases on the machine's Postgres, and the four services in production mode
 * from dist/.
 */
export async function startBenchStack(log: (s: string) => void): Promise<BenchStack> {
  if (!existsSync(join(DIST_DIR, 'apps/queue-service/src/main.js'))) {
    throw new Error(`${DIST_DIR} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const kafka = new PrivateKafka(BENCH.kafkaPort);
  const redis = new PrivateRedis(BENCH.redisPort);
  log(`starting Kafka on ${kafka.port} and Redis on ${redis.port}`);
  await Promise.all([kafka.startFresh(), redis.stop().then(() => redis.start())]);

  const dbs = databases();
  const admin = new Client(pgPoolConfigFromUrl(`${BENCH.postgresUrl.replace(/\/$/, '')}/postgres`));
  await admin.connect();
  try {
    for (const name of Object.values(dbs)) {
      dbUrl(name);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  const settings: StackSettings = {
    kafkaBrokers: kafka.brokers,
    redisUrl: redis.url,
    databaseUrls: {
      queue: dbUrl(dbs.queue),
      referral: dbUrl(dbs.referral),
      notification: dbUrl(dbs.notification),
      bpjsBridge: dbUrl(dbs.bpjsBridge),
      gateway: dbUrl(dbs.gateway),
    },
    ports: BENCH.ports,
    patientRefSecret: 'bench-patient-ref-secret-0123456789',
    logLevel: BENCH.logLevel,
    nodeEnv: 'production',
    extraEnv: {
      // The bench books from one address far faster than people do.
      gateway: TEST_GATEWAY_LIMITS,
      // The bench facilities' sessions run all day: check-in stays open whenever it runs.
      'queue-service': { CHECKIN_LATE_MINUTES: '1440', EXPIRY_SWEEP_SECONDS: '0' },
    },
  };
  for (const name of BENCH.profile as ServiceName[]) {
    settings.extraEnv![name] = {
      ...settings.extraEnv![name],
      NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.cjs')}`,
      BENCH_PROFILE_DIR: join(PROFILE_DIR, name),
    };
  }
  log('migrating the bench databases');
  execFileSync('bash', [join(REPO_ROOT, 'scripts/db/migrate.sh')], {
    stdio: 'inherit',
    env: { ...process.env, ...databaseEnv(settings) },
  });
  mkdirSync(LOG_DIR, { recursive: true });
  log(`starting the services (NODE_ENV=production, logs in ${LOG_DIR})`);
  const procs = Object.fromEntries(
    SERVICES.map((n) => [n, new ServiceProcess(n, settings, join(LOG_DIR, `${n}.log`)).start()]),
  ) as Record<ServiceName, ServiceProcess>;
  try {
    await Promise.all(SERVICES.map((n) => procs[n].waitReady(120_000)));
  } catch (e) {
    // Leave nothing behind: the services that did start, the broker and Redis.
    await Promise.all(Object.values(procs).map((p) => p.stop()));
    await Promise.all([kafka.stop(), redis.stop()]);
    throw e;
  }
  return {
    settings,
    procs,
    kafka,
    redis,
    dbUrl: (s) => settings.databaseUrls[s],
    async stop() {
      await Promise.all(Object.values(procs).map((p) => p.stop()));
      await Promise.all([kafka.stop(), redis.stop()]);
      // The broker's data is of no use after the run (the databases stay for a post-mortem).
      rmSync(kafka.stateDir, { recursive: true, force: true });
    },
  };
}
