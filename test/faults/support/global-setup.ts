import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  databaseEnv,
  DIST_DIR,
  faultsDatabases,
  faultsStack,
  DEFAULT_PORTS,
  PrivateKafka,
  PrivatePostgres,
  PrivateRedis,
  REPO_ROOT,
} from '@app/testing';

/**
 * The fault suite's own Kafka, Redis and Postgres, fresh, with every migration applied. They are
 * private (own ports, own folders) because the suite restarts them; the machine's are untouched.
 */
const execFileAsync = promisify(execFile);

export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(DIST_DIR, 'apps/gateway/src/main.js'))) {
    throw new Error(`${DIST_DIR} is missing: run \`npm run build\` first`);
  }
  const kafka = new PrivateKafka();
  const redis = new PrivateRedis();
  const pg = new PrivatePostgres();
  try {
    // Side by side: the broker's start and the migrations each take tens of seconds on a loaded
    // machine.
    const steps = await Promise.allSettled([
      (async () => {
        await redis.stop();
        await redis.start();
      })(),
      (async () => {
        await pg.initFresh();
        createDatabases(pg);
        const migrated = await execFileAsync('bash', [join(REPO_ROOT, 'scripts/db/migrate.sh')], {
          env: { ...process.env, ...databaseEnv(faultsStack(DEFAULT_PORTS)) },
        });
        process.stdout.write(migrated.stdout);
      })(),
      kafka.startFresh(),
    ]);
    // All settled before giving up, so the clean-up below finds nothing still starting.
    const failed = steps.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    pointTestStackHere(kafka, redis, pg);
  } catch (e) {
    // Jest runs no teardown after a failed setup: leave nothing running.
    await stopAll();
    throw e;
  }
}

/**
 * A fault file written with the integration tier's `testStack()` (e.g. bpjs-outage) runs on this
 * suite's private servers too: the variables test-env.ts reads name them. Test files are loaded
 * after global setup, so they see these values.
 */
function pointTestStackHere(kafka: PrivateKafka, redis: PrivateRedis, pg: PrivatePostgres): void {
  process.env.KAFKA_BROKERS = kafka.brokers;
  // Its own Redis database: the steady-load file restarts this Redis, the others share it.
  process.env.TEST_REDIS_URL = redis.url.replace(/\/0$/, '/1');
  process.env.TEST_POSTGRES_URL = pg.url('').replace(/\/$/, '');
  // testStack() names databases `<prefix>_queue` etc.: the very ones created above.
  process.env.TEST_DB_PREFIX = faultsDatabases().queue.replace(/_queue$/, '');
}

function createDatabases(pg: PrivatePostgres): void {
  // One -c per statement: CREATE DATABASE cannot run inside the transaction a multi-statement -c is.
  const statements = Object.values(faultsDatabases()).flatMap((name) => [
    '-c',
    `CREATE DATABASE ${name}`,
  ]);
  execFileSync('psql', [pg.url('postgres'), '-v', 'ON_ERROR_STOP=1', '-q', ...statements]);
}

export async function stopAll(): Promise<void> {
  for (const stop of [
    () => new PrivateKafka().stop(),
    () => new PrivateRedis().stop(),
    () => new PrivatePostgres().stop(),
  ]) {
    try {
      await stop();
    } catch (e) {
      console.error('[faults] stopping infrastructure:', (e as Error).message);
    }
  }
}
