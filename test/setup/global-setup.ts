import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import Redis from 'ioredis';
import {
  databaseEnv,
  REPO_ROOT,
  DIST_DIR,
  TEST_DATABASES,
  TEST_KAFKA_PORT,
  TEST_REDIS_URL,
  testDatabaseUrl,
  adminDatabaseUrl,
  testStack,
  DEFAULT_PORTS,
} from '@app/testing';

export const TEST_KAFKA_STATE = join(REPO_ROOT, `.infra/kafka-test-${TEST_KAFKA_PORT}`);

function sh(script: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync('bash', [join(REPO_ROOT, script), ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

/**
 * Brings up what the integration and end-to-end tiers need, from nothing: a fresh Kafka broker of
 * this run's own, Redis and Postgres (started if installed but stopped), fresh test databases with
 * every migration applied, and an empty Redis database.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await setUp();
  } catch (e) {
    // Jest runs no teardown after a failed setup: leave no broker behind.
    if (process.env.ANTREAN_TEST_STARTED_KAFKA === '1') {
      sh('scripts/infra/kafka.sh', ['down'], {
        KAFKA_PORT: String(TEST_KAFKA_PORT),
        KAFKA_STATE_DIR: TEST_KAFKA_STATE,
      });
    }
    throw e;
  }
}

/**
 * The tests book "today" at facilities whose sessions run until 23:59 Asia/Jakarta. A run that
 * starts in the last quarter hour before midnight there would see "today" change under it, so it
 * waits for the new day instead (at most 15 minutes, well inside CI's limit).
 */
async function avoidMidnightInJakarta(): Promise<void> {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Jakarta',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date())
    .split(':')
    .map(Number);
  const minutesLeft = 24 * 60 - (h * 60 + m);
  if (minutesLeft > 15) return;
  console.log(`[test] ${minutesLeft} min before midnight in Jakarta: waiting for the new day`);
  await new Promise((r) => setTimeout(r, minutesLeft * 60_000 + 30_000));
}

async function setUp(): Promise<void> {
  await avoidMidnightInJakarta();
  if (!existsSync(join(DIST_DIR, 'apps/gateway/src/main.js'))) {
    throw new Error(`${DIST_DIR} is missing: run \`npm run build\` first (npm test does)`);
  }
  if (!process.env.KAFKA_BROKERS) {
    rmSync(TEST_KAFKA_STATE, { recursive: true, force: true });
    sh('scripts/infra/kafka.sh', ['up'], {
      KAFKA_PORT: String(TEST_KAFKA_PORT),
      KAFKA_STATE_DIR: TEST_KAFKA_STATE,
    });
    process.env.KAFKA_BROKERS = `127.0.0.1:${TEST_KAFKA_PORT}`;
    process.env.ANTREAN_TEST_STARTED_KAFKA = '1';
  }
  sh('scripts/infra/redis.sh', ['up']);
  sh('scripts/infra/postgres.sh', ['up']);

  const admin = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await admin.connect();
  try {
    for (const name of Object.values(TEST_DATABASES)) {
      testDatabaseUrl(name); // refuses names without "test"
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  sh('scripts/db/migrate.sh', [], databaseEnv(testStack(DEFAULT_PORTS)));

  const redis = new Redis(TEST_REDIS_URL);
  await redis.flushdb();
  await redis.quit();
}
