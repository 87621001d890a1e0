import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import {
  bearer,
  eventually,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  REPO_ROOT,
  ServiceProcess,
  startStack,
  TEST_HOSPITAL,
  testStack,
  type StackServiceName,
} from '@app/testing';

const ports = {
  gateway: 6600,
  'queue-service': 6601,
  'referral-service': 6602,
  'notification-service': 6603,
  'bpjs-bridge': 6605,
  'bpjs-simulator': 6610,
};
const BACKENDS = [
  'queue-service',
  'referral-service',
  'notification-service',
  'bpjs-bridge',
] as const;
type Backend = (typeof BACKENDS)[number];
const F = '9931R001';
const OLD = `svc-auth-old-${randomUUID()}`;
const NEW = `svc-auth-new-${randomUUID()}`;
const OLDER = `svc-auth-older-${randomUUID()}`;
const WRONG = `svc-auth-wrong-${randomUUID()}`;
const LOG_DIR = join(REPO_ROOT, '.infra/test-logs/service-auth');

interface Operation {
  service: Backend;
  method: string;
  path: string;
  open: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

/** A concrete URL for an OpenAPI path: every parameter filled with a harmless value. */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    /facility|kodeppk/i.test(name) ? F : `x${name.length}`,
  );

/**
 * Service-to-service authentication on a real stack: every route of every internal service
 * refuses a caller without the service token (401 COMMON.SERVICE_AUTH_REQUIRED, nothing changed,
 * never a 5xx), takes the current and the previous token, the gateway's public flows still work
 * (it sends the token), and a rotation keeps a caller on the old token working.
 */
describe('service authentication between services', () => {
  // The services start with OLD current and OLDER previous: both are accepted.
  const settings = testStack(ports);
  settings.internalApiToken = OLD;
  const extra = (previous: string) =>
    Object.fromEntries(
      BACKENDS.map((b) => [
        b,
        { ...(settings.extraEnv?.[b] ?? {}), INTERNAL_API_TOKEN_PREVIOUS: previous },
      ]),
    );
  settings.extraEnv = { ...settings.extraEnv, ...extra(OLDER) };

  let stack: Record<StackServiceName, ServiceProcess>;
  const url = (s: StackServiceName) => `http://127.0.0.1:${ports[s]}`;
  const operations: Operation[] = [];
  const gateway = url('gateway');

  const call = async (op: Operation, authorization?: string) => {
    const res = await fetch(`${url(op.service)}${concrete(op.path)}`, {
      method: op.method.toUpperCase(),
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: ['get', 'delete'].includes(op.method) ? undefined : '{}',
    });
    const text = await res.text();
    return { status: res.status, body: text };
  };

  /**
   * Rows per table of every backend database that mention the facility every refused request
   * names: what a refused request must leave as it was. (Whole-table counts would also see this
   * stack's consumers working off what earlier test files left on the shared Kafka topics, e.g.
   * bpjs-bridge recording their bookings.)
   */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    const urls = settings.databaseUrls;
    for (const [name, dbUrl] of Object.entries({
      queue: urls.queue,
      referral: urls.referral,
      notification: urls.notification,
      bridge: urls.bpjsBridge,
    })) {
      const db = new Client(pgPoolConfigFromUrl(dbUrl as string));
      await db.connect();
      try {
        const tables = await db.query<{ s: string; t: string }>(
          `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
           WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
        );
        for (const { s, t } of tables.rows) {
          const r = await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM "${s}"."${t}" AS r WHERE r::text LIKE $1`,
            [`%${F}%`],
          );
          counts[`${name}.${s}.${t}`] = Number(r.rows[0].n);
        }
      } finally {
        await db.end();
      }
    }
    return counts;
  };

  const book = (i: number) =>
    postJson<{ bookingCode: string; error?: unknown }>(
      `${gateway}/api/v1/facilities/${F}/tickets`,
      {
        poliCode: 'ANA',
        patient: { nik: nikFor(9_931_000 + i), phone: phoneFor(9_931_000 + i) },
      },
    );

  beforeAll(async () => {
    stack = await startStack(settings, LOG_DIR, [
      'queue-service',
      'referral-service',
      'notification-service',
      'gateway',
      'bpjs-simulator',
      'bpjs-bridge',
    ]);
    for (const service of BACKENDS) {
      const res = await fetch(`${url(service)}/openapi.json`); // open: no token needed
      expect(res.status).toBe(200);
      const doc = (await res.json()) as OpenApi;
      for (const [path, ops] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(ops))
          operations.push({
            service,
            method,
            path,
            open: Array.isArray(op.security) && op.security.length === 0,
          });
    }
    // The test facility (this file sends its tokens explicitly, to be sure which one is used).
    const res = await fetch(`${url('queue-service')}/v1/facilities/${F}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OLD}` },
      body: JSON.stringify(TEST_HOSPITAL),
    });
    expect(res.status).toBe(200);
    // referral-service learns the facility from Kafka: let it, before rows are counted.
    const referralDb = new Client(pgPoolConfigFromUrl(settings.databaseUrls.referral));
    await referralDb.connect();
    try {
      await eventually(async () => {
        const r = await referralDb.query('SELECT 1 FROM facility WHERE code = $1', [F]);
        expect(r.rowCount).toBe(1);
      });
    } finally {
      await referralDb.end();
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  it('knows the routes of every internal service', () => {
    for (const service of BACKENDS)
      expect(operations.filter((o) => o.service === service && !o.open).length).toBeGreaterThan(0);
  });

  it('refuses every guarded route without the right token: 401 with the code, nothing changed', async () => {
    // Settled first: the facility's own events may still be on their way to the consumers.
    let before = await rowCounts();
    await eventually(async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = await rowCounts();
      const settled = JSON.stringify(now) === JSON.stringify(before);
      before = now;
      expect(settled).toBe(true);
    });
    const problems: string[] = [];
    for (const op of operations.filter((o) => !o.open)) {
      for (const auth of [
        undefined,
        '',
        `Bearer ${WRONG}`,
        OLD, // no scheme
        `Basic ${Buffer.from(`x:${OLD}`).toString('base64')}`,
      ]) {
        const res = await call(op, auth);
        const code = (JSON.parse(res.body || '{}') as { error?: { code?: string } }).error?.code;
        if (res.status !== 401 || code !== 'COMMON.SERVICE_AUTH_REQUIRED')
          problems.push(`${op.service} ${op.method} ${op.path} [${auth}] → ${res.status} ${code}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('takes the current and the previous token on every guarded route, never answering 5xx', async () => {
    const problems: string[] = [];
    for (const op of operations.filter((o) => !o.open)) {
      for (const token of [OLD, OLDER]) {
        const res = await call(op, `Bearer ${token}`);
        if (res.status === 401 || res.status >= 500)
          problems.push(
            `${op.service} ${op.method} ${op.path} → ${res.status} ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers the probes, the scrape and the document without a token', async () => {
    for (const service of BACKENDS)
      for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json'])
        expect({ service, path, status: (await fetch(`${url(service)}${path}`)).status }).toEqual({
          service,
          path,
          status: 200,
        });
  });

  it('keeps the gateway flows working: book, check in and a desk call, all through the edge', async () => {
    const booked = await book(1);
    expect(booked.status).toBe(201);
    const code = booked.body.bookingCode;
    expect((await postJson(`${gateway}/api/v1/tickets/${code}/check-in`, {})).status).toBe(200);
    const desk = await loginAs(gateway, { role: 'desk', facilityCode: F });
    let called: { status: number; body: { bookingCode?: string } } = { status: 0, body: {} };
    for (let i = 0; i < 50 && called.body.bookingCode !== code; i++) {
      called = await postJson(
        `${gateway}/api/v1/facilities/${F}/counters/ANA-1/call-next`,
        {},
        bearer(desk),
      );
      if (called.status === 200 && called.body.bookingCode !== code)
        await postJson(
          `${gateway}/api/v1/facilities/${F}/counters/ANA-1/no-show`,
          {},
          bearer(desk),
        );
      if (called.status !== 200) break;
    }
    expect(called).toMatchObject({ status: 200, body: { bookingCode: code } });
  });

  it('rotates without refusing anyone: NEW current and OLD previous, while the gateway still sends OLD', async () => {
    // Phase two of the rotation (docs/operations.md): the internal services restart with NEW as
    // their current token and OLD as the previous one; the gateway still runs with OLD.
    for (const service of BACKENDS) {
      await stack[service].stop();
      stack[service] = new ServiceProcess(
        service,
        settings,
        join(LOG_DIR, `${service}.rotated.log`),
        { INTERNAL_API_TOKEN: NEW, INTERNAL_API_TOKEN_PREVIOUS: OLD },
      ).start();
    }
    await Promise.all(BACKENDS.map((s) => stack[s].waitReady()));

    const facility = operations.find(
      (o) => o.service === 'queue-service' && o.method === 'get' && o.path === '/v1/facilities',
    );
    expect(facility).toBeDefined();
    const op = facility as Operation;
    expect((await call(op, `Bearer ${OLD}`)).status).toBe(200);
    expect((await call(op, `Bearer ${NEW}`)).status).toBe(200);
    expect((await call(op, `Bearer ${OLDER}`)).status).toBe(401);
    expect((await call(op)).status).toBe(401);
    // The gateway, a caller still on OLD, books and reads through the rotated services.
    const booked = await book(2);
    expect(booked.status).toBe(201);
  });
});
