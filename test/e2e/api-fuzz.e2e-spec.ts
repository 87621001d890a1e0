import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Topic } from '@app/contracts';
import { pgPoolConfigFromUrl } from '@app/database';
import { createKafka } from '@app/messaging';
import { signJwt } from '../../apps/gateway/src/auth/jwt';
import {
  adminDatabaseUrl,
  databaseEnv,
  DEMO_AUTH_JWT_SECRET,
  DEMO_INTERNAL_API_TOKEN,
  eventually,
  recordFaultResults,
  REPO_ROOT,
  startStack,
  TEST_DATABASES,
  TEST_HOSPITAL,
  TEST_REDIS_URL,
  testDatabaseUrl,
  testStack,
  waitForConsumerGroupCaughtUp,
  type FaultRow,
  serviceFetch,
  type ServiceProcess,
  type TestRole,
} from '@app/testing';
import {
  caseArbitraries,
  type Fixtures,
  type FuzzCase,
  type JsonSchema,
  type Operation,
} from './support/api-fuzz-cases';

/**
 * API fuzzing from the services' own OpenAPI documents, against real processes: every operation
 * is sent broken on purpose (see support/api-fuzz-cases.ts). Every answer must be a refusal with
 * our error shape and a stable code (WS RS: HTTP 200 with metadata 201/202, its contract), never a
 * 5xx or a hang, and afterwards no table of any service database, no Kafka topic and no Redis key
 * may have changed. FUZZ_RUNS cases per operation (default 6), seed FUZZ_SEED (default fixed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const BODY_LIMIT = 64 * 1024; // every service's default (libs/http bootstrap); the gateway's too
const ports = {
  'queue-service': 5510,
  'referral-service': 5511,
  'notification-service': 5512,
  gateway: 5513,
  'bpjs-bridge': 5514,
};
type Name = keyof typeof ports;
const F = '9908R002';
const WSRS_USER = 'fuzz-9908r002';
const WSRS_PASSWORD = 'rahasia-fuzz-9908';
const DISTRICT = TEST_HOSPITAL.district;
const today = new Date().toISOString().slice(0, 10);

interface DocOperation {
  parameters: Operation['parameters'];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { 'x-error-codes'?: string[] }>;
  security?: unknown[];
  'x-roles'?: Array<TestRole | 'patient'>;
  'x-scopes'?: Record<string, string>;
  'x-upstream'?: { service: string; method: string; path: string; query?: string[] };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, DocOperation>>;
}

/** Valid path values that point at nothing a request could change. */
function pathValue(service: string, name: string): string {
  switch (name) {
    case 'facilityCode':
    case 'kodeppk':
      return F;
    case 'code':
      return service === 'bpjs-bridge' ? F : 'J18.9';
    case 'bookingCode':
      return 'FUZZ0000ZZ';
    case 'counterCode':
      return 'FUZZ-9';
    case 'date':
    case 'tanggalperiksa':
      return today;
    case 'kodepoli':
      return 'ANA';
    case 'nomorkartu':
      return '0000000000099';
    case 'recipient':
      return 'p_fuzzfuzzfuzz';
    case 'district':
      return DISTRICT;
    default:
      return randomUUID();
  }
}

interface DocumentedOperation extends Operation {
  doc: DocOperation;
}

/** Every operation of a document, with its body schema. */
function operationsOf(service: string, baseUrl: string, doc: OpenApiDoc): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      service,
      baseUrl,
      method,
      path,
      parameters: op.parameters,
      body: op.requestBody?.content['application/json']?.schema,
      wsrs: /^\/(wsrs|wsfktp)\//.test(path),
      doc: op,
    })),
  );
}

/** Worth fuzzing: a body, parameters or credentials to get wrong (not health, metrics, documents). */
const fuzzable = (o: DocumentedOperation) =>
  !!(o.body || o.parameters.length || o.doc['x-roles'] || requiresInternalToken(o));

/** A backend route behind the service token (its document lists the refusal): not WS RS, health. */
const requiresInternalToken = (o: DocumentedOperation) =>
  o.service !== 'gateway' &&
  Object.values(o.doc.responses ?? {}).some((r) =>
    r['x-error-codes']?.includes('COMMON.SERVICE_AUTH_REQUIRED'),
  );

/** The action a gateway `{action}` route is fuzzed with: one that exists (queue or referral). */
const actionOf = (path: string) => (path.includes('/counters/') ? 'call-next' : 'accept');

/**
 * The gateway's operations, each completed from the backend document its `x-upstream` names:
 * the edge forwards the body and query, the backend validates them.
 */
function gatewayOperations(
  baseUrl: string,
  doc: OpenApiDoc,
  backends: Record<string, OpenApiDoc>,
): DocumentedOperation[] {
  return operationsOf('gateway', baseUrl, doc).map((o) => {
    const up = o.doc['x-upstream'];
    if (!up) return o;
    const upstream =
      backends[up.service]?.paths[up.path.replace('{action}', actionOf(o.path))]?.[up.method];
    if (!upstream) throw new Error(`${o.method} ${o.path}: no ${up.service} ${up.path} documented`);
    const own = o.parameters.filter((p) => p.in !== 'query');
    // Only what the edge passes on: a query parameter it drops cannot be refused.
    const query = upstream.parameters.filter((p) => p.in === 'query' && up.query?.includes(p.name));
    return {
      ...o,
      parameters: [
        ...own,
        // Path parameters the gateway does not constrain itself, as the backend declares them.
        ...upstream.parameters.filter(
          (p) =>
            p.in === 'path' &&
            !own.some((x) => x.name === p.name) &&
            o.path.includes(`{${p.name}}`),
        ),
        ...query,
      ],
      body: o.body ?? upstream.requestBody?.content['application/json']?.schema,
    };
  });
}

const FACILITY_ROLES: ReadonlyArray<TestRole | 'patient'> = [
  'desk',
  'fktp_doctor',
  'hospital_referral',
  'facility_admin',
];

/**
 * A gateway access token as the gateway signs it: stateless, so minting one changes nothing.
 * Staff of facility F, the district officer of F's district, the patient of booking FUZZ0000ZZ.
 */
function gatewayToken(
  role: TestRole | 'patient',
  opts: { expired?: boolean; key?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const exp = opts.expired ? now - 60 : now + 3600;
  const claims =
    role === 'patient'
      ? { sub: 'patient:FUZZ0000ZZ', bkc: 'FUZZ0000ZZ', fac: F }
      : {
          sub: randomUUID(),
          usr: `fuzz-${role}`,
          fac: FACILITY_ROLES.includes(role) ? F : null,
          dst: role === 'district_officer' ? DISTRICT : null,
        };
  return signJwt(
    { ...claims, role, iss: 'antrean-rujukan-gateway', jti: randomUUID(), iat: exp - 3600, exp },
    Buffer.from(opts.key ?? DEMO_AUTH_JWT_SECRET, 'utf8'),
  );
}

/** A role the route admits, preferring the narrowest (system_admin is admitted everywhere). */
const admittedRole = (roles: ReadonlyArray<TestRole | 'patient'>) =>
  roles.find((r) => r !== 'system_admin') ?? 'system_admin';

/** A role the route refuses (only system_admin and, for facility roles, facility_admin cross over). */
const refusedRole = (roles: ReadonlyArray<TestRole | 'patient'>) =>
  (['district_officer', 'desk', 'patient'] as const).find((r) => !roles.includes(r));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Credentials a protected gateway route must refuse: 401, or 403 for a role it does not admit. */
type Credential = NonNullable<Fixtures['credentials']>[number];

function gatewayCredentials(roles: ReadonlyArray<TestRole | 'patient'>): Credential[] {
  const role = admittedRole(roles);
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const valid = gatewayToken(role);
  const [head, payload] = valid.split('.');
  const none: Record<string, string> = {};
  const unauthorized: Credential[] = [
    { note: 'no token', headers: none },
    { note: 'empty bearer', headers: { authorization: 'Bearer ' } },
    { note: 'Basic scheme', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
    { note: 'not a JWT', headers: bearer(randomUUID()) },
    { note: 'expired', headers: bearer(gatewayToken(role, { expired: true })) },
    {
      note: 'signed with another key',
      headers: bearer(gatewayToken(role, { key: 'not-the-gateway-secret-0123456789abcdef' })),
    },
    { note: 'alg none', headers: bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`) },
    {
      note: 'payload altered',
      headers: bearer(`${head}.${b64({ role: 'system_admin', exp: 4e9 })}.${valid.split('.')[2]}`),
    },
    { note: 'oversized token', headers: bearer('a'.repeat(5000)) },
  ].map((c) => ({ ...c, statuses: [401] }));
  const wrong = refusedRole(roles);
  if (!wrong) return unauthorized; // every role may (auth/me, logout)
  return [
    ...unauthorized,
    { note: `role ${wrong}`, headers: bearer(gatewayToken(wrong)), statuses: [403] },
  ];
}

/** The internal bearer missing or wrong, on a backend route that checks it. */
const internalCredentials = (token: string): Credential[] =>
  [
    { note: 'no internal token', headers: {} as Record<string, string> },
    { note: 'wrong internal token', headers: { authorization: `Bearer ${token}x` } },
    { note: 'internal token as Basic', headers: { authorization: `Basic ${token}` } },
    { note: 'empty bearer', headers: { authorization: 'Bearer ' } },
  ].map((c) => ({ ...c, statuses: [401, 403] }));

type Snapshot = Record<string, number>;

/**
 * Databases of this file's own, empty at the start: the shared ones hold earlier files' work
 * whose retries (webhooks, deliveries, Antrol sends) would change rows while the fuzz runs.
 */
const FUZZ_DATABASES = {
  queue: `${TEST_DATABASES.queue}_fuzz`,
  referral: `${TEST_DATABASES.referral}_fuzz`,
  notification: `${TEST_DATABASES.notification}_fuzz`,
  bpjsBridge: `${TEST_DATABASES.bpjsBridge}_fuzz`,
  gateway: `${TEST_DATABASES.gateway}_fuzz`,
};

async function dropDatabases(): Promise<void> {
  const admin = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await admin.connect();
  try {
    for (const name of Object.values(FUZZ_DATABASES))
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Empty, migrated copies of the shared databases: cloned (schema and migration history) and
 * emptied, which takes a second, or migrated from nothing when a clone is refused (someone still
 * connected to the shared one), which takes Prisma's CLI several.
 */
async function createDatabases(env: Record<string, string>): Promise<void> {
  await dropDatabases();
  const admin = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await admin.connect();
  let cloned = true;
  try {
    for (const [key, name] of Object.entries(FUZZ_DATABASES)) {
      testDatabaseUrl(name); // refuses names without "test"
      const source = TEST_DATABASES[key as keyof typeof TEST_DATABASES];
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
      } catch {
        cloned = false;
        await admin.query(`CREATE DATABASE ${name}`);
      }
    }
  } finally {
    await admin.end();
  }
  if (!cloned) {
    await dropDatabases();
    await createEmpty();
    execFileSync('bash', [join(REPO_ROOT, 'scripts/db/migrate.sh')], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    return;
  }
  for (const name of Object.values(FUZZ_DATABASES)) {
    const db = new Client(pgPoolConfigFromUrl(testDatabaseUrl(name)));
    await db.connect();
    try {
      const { rows } = await db.query<{ t: string }>(
        `SELECT format('%I', table_name) AS t FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            AND table_name <> '_prisma_migrations'`,
      );
      if (rows.length)
        await db.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} RESTART IDENTITY CASCADE`);
    } finally {
      await db.end();
    }
  }
}

async function createEmpty(): Promise<void> {
  const admin = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await admin.connect();
  try {
    for (const name of Object.values(FUZZ_DATABASES)) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

describe('API fuzzing', () => {
  const settings = {
    ...testStack(ports),
    databaseUrls: {
      queue: testDatabaseUrl(FUZZ_DATABASES.queue),
      referral: testDatabaseUrl(FUZZ_DATABASES.referral),
      notification: testDatabaseUrl(FUZZ_DATABASES.notification),
      bpjsBridge: testDatabaseUrl(FUZZ_DATABASES.bpjsBridge),
      gateway: testDatabaseUrl(FUZZ_DATABASES.gateway),
    },
  };
  let stack: Record<Name, ServiceProcess>;
  const dbs: Record<string, Client> = {};
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const admin = createKafka(settings.kafkaBrokers.split(','), 'e2e-api-fuzz').admin();
  const url = (n: Name) => `http://127.0.0.1:${ports[n]}`;

  /** Row counts of every table of every service database, Kafka end offsets, Redis keys. */
  async function snapshot(): Promise<Snapshot> {
    const out: Snapshot = {};
    for (const [db, client] of Object.entries(dbs)) {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      for (const { table_name: t } of rows) {
        const c = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`);
        out[`${db}.${t}`] = Number(c.rows[0].n);
      }
    }
    // Internal topics (__consumer_offsets) move whenever any consumer commits: not our state.
    for (const topic of (await admin.listTopics()).filter((t) => !t.startsWith('__'))) {
      const offsets = await admin.fetchTopicOffsets(topic);
      out[`kafka.${topic}`] = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    }
    // Redis is shared with earlier files, whose keys may expire meanwhile: a key that appears, or a
    // key without a time to live that disappears, is a change; DBSIZE alone would flicker.
    // The gateway's rate-limit counters count every request, refused ones too: not state.
    for (const key of await redis.keys('*')) {
      if (key.startsWith('gateway:rl:')) continue;
      const ttl = await redis.pttl(key);
      out[`redis.${key}`] = ttl < 0 ? 1 : 0;
    }
    return out;
  }

  /** A snapshot taken once background work (relays, consumers of earlier files) has gone quiet. */
  const settled = () =>
    eventually(async () => {
      const a = await snapshot();
      await new Promise((r) => setTimeout(r, 1_000));
      const b = await snapshot();
      expect(b).toEqual(a);
      return b;
    }, 60_000);

  beforeAll(async () => {
    await createDatabases(databaseEnv(settings));
    stack = await startStack(
      settings,
      join(REPO_ROOT, '.infra/test-logs/api-fuzz'),
      Object.keys(ports) as Name[],
    );
    for (const [name, dbUrl] of Object.entries(settings.databaseUrls)) {
      if (!dbUrl) continue;
      dbs[name] = new Client(pgPoolConfigFromUrl(dbUrl));
      await dbs[name].connect();
    }
    await redis.connect();
    await admin.connect();
    // Earlier test files may have left a backlog on the shared broker: let the consumers catch up.
    for (const [group, topic] of [
      ['queue-service', Topic.ReferralReferrals],
      ['referral-service', Topic.QueueTickets],
      ['referral-service', Topic.QueueFacilities],
      ['notification-service', Topic.QueueTickets],
      ['notification-service', Topic.ReferralReferrals],
      ['bpjs-bridge', Topic.QueueTickets],
    ] as const)
      await waitForConsumerGroupCaughtUp(settings.kafkaBrokers, group, topic);
    const put = (path: string, body: unknown) =>
      serviceFetch(`${url('queue-service')}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(`/v1/facilities/${F}`, TEST_HOSPITAL)).status).toBe(200);
    expect(
      (
        await put(`/v1/facilities/${F}/wsrs-credentials`, {
          username: WSRS_USER,
          password: WSRS_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await admin.disconnect();
    redis.disconnect();
    await Promise.all(Object.values(dbs).map((c) => c.end()));
    await Promise.all(Object.values<ServiceProcess>(stack ?? {}).map((p) => p.stop()));
    await dropDatabases();
  });

  it('answers every broken request with a refusal and a stable code, and changes nothing', async () => {
    const token = async (prefix: string, tokenPath: string) => {
      const res = await fetch(`${url('queue-service')}/${prefix}/${F}/${tokenPath}`, {
        headers: { 'x-username': WSRS_USER, 'x-password': WSRS_PASSWORD },
      });
      const body = (await res.json()) as { response?: { token: string } };
      if (!body.response) throw new Error(`no ${prefix} token: ${JSON.stringify(body)}`);
      return body.response.token;
    };
    const wsrsHeaders = { 'x-token': await token('wsrs', 'token'), 'x-username': WSRS_USER };
    const fktpHeaders = { 'x-token': await token('wsfktp', 'auth'), 'x-username': WSRS_USER };

    // Every backend request carries the internal bearer (services requiring it everywhere must
    // still refuse broken requests for what they are); the gateway's carry a role's token.
    const internalToken = settings.internalApiToken ?? DEMO_INTERNAL_API_TOKEN;
    const internalAuth = { authorization: `Bearer ${internalToken}` };
    const ops: DocumentedOperation[] = [];
    const backends: Record<string, OpenApiDoc> = {};
    for (const service of [
      'queue-service',
      'referral-service',
      'notification-service',
      'bpjs-bridge',
    ] as const) {
      const res = await fetch(`${url(service)}/openapi.json`, { headers: internalAuth });
      expect(res.status).toBe(200);
      backends[service] = (await res.json()) as OpenApiDoc;
      ops.push(...operationsOf(service, url(service), backends[service]));
    }
    const gatewayDoc = await fetch(`${url('gateway')}/api/openapi.json`);
    expect(gatewayDoc.status).toBe(200);
    const gatewayOps = gatewayOperations(
      url('gateway'),
      (await gatewayDoc.json()) as OpenApiDoc,
      backends,
    );
    ops.push(...gatewayOps);

    const cases: FuzzCase[] = [];
    ops.filter(fuzzable).forEach((op, i) => {
      const roles = op.doc['x-roles'];
      const fixtures: Fixtures = {
        pathValue: (name: string) =>
          name === 'action' ? actionOf(op.path) : pathValue(op.service, name),
        wsrsHeaders: op.path.startsWith('/wsfktp/') ? fktpHeaders : wsrsHeaders,
        ...(op.service === 'gateway'
          ? {
              // Scoped by facility in the body or query: the token's own, so the fuzz reaches
              // validation instead of the scope's 403.
              values: { originFacilityCode: F, origin: F },
              ...(roles && {
                auth: { authorization: `Bearer ${gatewayToken(admittedRole(roles))}` },
                credentials: gatewayCredentials(roles),
              }),
            }
          : {
              auth: internalAuth,
              ...(requiresInternalToken(op) && { credentials: internalCredentials(internalToken) }),
            }),
      };
      const kinds = caseArbitraries(op, fixtures, BODY_LIMIT);
      if (!kinds.length) return;
      // Every kind at least once, then round robin, each drawn from its own seeded stream.
      const per = Math.max(RUNS, kinds.length);
      kinds.forEach(({ arb }, k) => {
        const n = Math.floor(per / kinds.length) + (k < per % kinds.length ? 1 : 0);
        cases.push(...fc.sample(arb, { seed: SEED + i * 101 + k, numRuns: n }));
      });
    });
    // Every gateway operation is fuzzed (what has no parameters and is public has nothing to break).
    const gatewayFuzzed = new Set(
      cases.filter((c) => c.service === 'gateway').map((c) => `${c.method} ${c.url}`),
    );
    expect(gatewayFuzzed.size).toBeGreaterThan(gatewayOps.filter(fuzzable).length);

    const before = await settled();
    const failures: string[] = [];
    const perService = new Map<string, { requests: number; refused: number }>();
    const queueOf = [...cases];
    let sent = 0;
    const worker = async () => {
      for (let c = queueOf.shift(); c; c = queueOf.shift()) {
        // A client address of its own per gateway request: the fuzz is about validation and
        // credentials, not the per-IP limits (whose counters the snapshot leaves out).
        const n = sent++;
        if (c.service === 'gateway')
          c.headers = { ...c.headers, 'x-forwarded-for': `10.41.${(n >> 8) & 255}.${n & 255}` };
        const problem = await check(c);
        const s = perService.get(c.service) ?? { requests: 0, refused: 0 };
        s.requests++;
        if (!problem) s.refused++;
        perService.set(c.service, s);
        if (problem)
          failures.push(
            `${c.service} ${c.kind}: ${c.method} ${c.url.slice(0, 160)} (${c.note}) → ${problem}`,
          );
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const after = await settled();

    const changed = Object.keys({ ...before, ...after }).filter(
      (k) =>
        before[k] !== after[k] && !(k.startsWith('redis.') && before[k] === 0 && !(k in after)),
    );
    const rows: FaultRow[] = [...perService].map(([service, s]) => ({
      fault: `API fuzz: ${service}`,
      requests: s.requests,
      accepted: s.refused,
      lost: 0,
      duplicated: changed.length,
      notes: `seed ${SEED}, ${RUNS} per operation; accepted = refused as the contract says; duplicated = state that changed (${changed.join(', ') || 'none'})`,
    }));
    recordFaultResults('api-fuzz', rows);
    expect(failures).toEqual([]);
    expect(changed.map((k) => `${k}: ${before[k]} → ${after[k]}`)).toEqual([]);
    expect(cases.length).toBeGreaterThan(ops.length);
  });
});

/** What is wrong with the answer to a case, or undefined when it is the refusal it must be. */
async function check(c: FuzzCase): Promise<string | undefined> {
  let res: Response;
  try {
    // Plain fetch: each case carries exactly the credentials it is about (none is none).
    res = await fetch(c.url, {
      method: c.method,
      headers: c.headers,
      body: c.body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    // A body over the limit may be cut off by the server before it is all sent: that is a refusal.
    if (
      c.kind === 'huge body' &&
      /ECONNRESET|EPIPE|other side closed/i.test(`${err.cause?.code} ${err.message}`)
    )
      return undefined;
    return `no answer: ${err.name} ${err.message} ${err.cause?.code ?? ''}`;
  }
  const text = await res.text();
  let body: { error?: { code?: unknown; message?: unknown }; metadata?: { code?: unknown } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* checked below */
  }
  if (res.status >= 500) return `${res.status} ${text.slice(0, 200)}`;
  if (c.statuses && !c.statuses.includes(res.status))
    return `${res.status} instead of ${c.statuses.join(' or ')}: ${text.slice(0, 200)}`;
  if (c.expect === 'no-5xx') return undefined;
  const wsrs = /\/(wsrs|wsfktp)\//.test(c.url);
  if (wsrs && res.status === 200)
    return body.metadata?.code === 201 || body.metadata?.code === 202
      ? undefined
      : `WS RS answered ${text.slice(0, 200)}`;
  if (res.status < 400) return `${res.status} ${text.slice(0, 200)}`;
  const code = body.error?.code;
  if (typeof code !== 'string' || !/^[A-Z]+(_[A-Z]+)*\.[A-Z]+(_[A-Z]+)*$/.test(code))
    return `${res.status} without a stable code: ${text.slice(0, 200)}`;
  if (typeof body.error?.message !== 'string' || !body.error.message)
    return `${res.status} without a message`;
  return undefined;
}
