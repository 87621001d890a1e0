import { assertTestDatabase } from '@app/database';
import type { StackSettings } from './local-stack';

/** Where this test run's infrastructure lives. Global setup fills in KAFKA_BROKERS. */
export const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT ?? 39092);
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const PG_BASE = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

const DB_PREFIX = process.env.TEST_DB_PREFIX ?? 'antrean_test';

export const TEST_DATABASES = {
  queue: `${DB_PREFIX}_queue`,
  referral: `${DB_PREFIX}_referral`,
  notification: `${DB_PREFIX}_notification`,
  bpjsBridge: `${DB_PREFIX}_bpjs_bridge`,
  gateway: `${DB_PREFIX}_gateway`,
} as const;

export function testDatabaseUrl(name: string): string {
  const url = `${PG_BASE.replace(/\/$/, '')}/${name}`;
  assertTestDatabase(url);
  return url;
}

/** The server's maintenance database, for creating and dropping the test databases. */
export function adminDatabaseUrl(): string {
  return `${PG_BASE.replace(/\/$/, '')}/postgres`;
}

export function testKafkaBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run tests through jest.it.config.js');
  return brokers;
}

/**
 * Tests book and log in far faster than people do, all from 127.0.0.1: the gateway's abuse limits
 * are raised out of their way (the abuse-limits test starts a gateway with the real ones).
 */
export const TEST_GATEWAY_LIMITS = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  RATE_LIMIT_LOGIN_IP_PER_MINUTE: '100000',
  RATE_LIMIT_BOOKING_IP_PER_MINUTE: '100000',
  RATE_LIMIT_BOOKING_FACILITY_PER_MINUTE: '100000',
  RATE_LIMIT_OTP_IP_PER_MINUTE: '100000',
} as const;

/** Settings for a stack of services on the given ports, against this run's infrastructure. */
export function testStack(ports: StackSettings['ports']): StackSettings {
  return {
    kafkaBrokers: testKafkaBrokers(),
    redisUrl: TEST_REDIS_URL,
    databaseUrls: {
      queue: testDatabaseUrl(TEST_DATABASES.queue),
      referral: testDatabaseUrl(TEST_DATABASES.referral),
      notification: testDatabaseUrl(TEST_DATABASES.notification),
      bpjsBridge: testDatabaseUrl(TEST_DATABASES.bpjsBridge),
      gateway: testDatabaseUrl(TEST_DATABASES.gateway),
    },
    ports,
    patientRefSecret: 'test-patient-ref-secret-0123456789',
    logLevel: 'info',
    nodeEnv: 'test',
    extraEnv: {
      gateway: TEST_GATEWAY_LIMITS,
      // The test facility's sessions run all day, so check-in is open whenever the tests run.
      'queue-service': {
        CHECKIN_LATE_MINUTES: '1440',
        ENABLE_JOB_ENDPOINTS: 'true',
        EXPIRY_SWEEP_SECONDS: '0',
      },
    },
  };
}
