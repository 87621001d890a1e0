import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topic } from '@app/contracts';
import {
  eventually,
  getJson,
  HttpReceiver,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  type ServiceName,
  type ServiceProcess,
  startStack,
  TEST_HOSPITAL,
  testStack,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';

const FACILITY = '9906R001';
const ports = {
  gateway: 5200,
  'queue-service': 5201,
  'referral-service': 5202,
  'notification-service': 5203,
};
/** notification-service reaches Postgres through this proxy, which the test can cut. */
const PG_PROXY_PORT = 5205;
const OTLP_PORT = 5210;
/** The relays' advisory lock (libs/database/src/outbox.ts): holding it is being another relay. */
const RELAY_LOCK = 7_315_001;

/**
 * A TCP proxy standing in for the network between a service and Postgres: `cut()` drops every
 * connection and refuses new ones (ECONNREFUSED, as when the database is away), `restore()` heals.
 */
class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    private readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/** One scrape: the value of every series of `name` whose labels include `labels`, summed. */
async function scrape(
  service: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const res = await serviceFetch(`${service}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  let total: number | undefined;
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v))
      total = (total ?? 0) + Number(m[3]);
  }
  return total;
}

/** Scrapes until `accept` holds for the value; returns it. */
function scrapeUntil(
  service: string,
  name: string,
  labels: Record<string, string>,
  accept: (v: number | undefined) => boolean,
  timeoutMs = 60_000,
): Promise<number | undefined> {
  return eventually(async () => {
    const v = await scrape(service, name, labels);
    if (!accept(v)) throw new Error(`${name}${JSON.stringify(labels)} = ${v}`);
    return v;
  }, timeoutMs);
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}
const SpanKind = { SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/** Spans the OTLP/HTTP JSON receiver got, with the service that sent each. */
function receivedSpans(otlp: HttpReceiver): Array<OtlpSpan & { service: string }> {
  type Body = {
    resourceSpans?: Array<{
      resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
      scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
    }>;
  };
  return otlp.requests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) =>
      ((r.body as Body).resourceSpans ?? []).flatMap((rs) => {
        const service =
          rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        return (rs.scopeSpans ?? []).flatMap((ss) =>
          (ss.spans ?? []).map((s) => ({ ...s, service })),
        );
      }),
    );
}

/**
 * Metrics and traces on real processes. Consumer lag is read by notification-service itself from
 * its group's committed offsets, so it rises while the service is up but cannot process (its
 * database cut off: a transient failure, so nothing is committed and Kafka redelivers), and falls
 * once it can. The outbox backlog rises while the test holds the relays' advisory lock, as a
 * second relay instance would, and falls when it lets go.
 */
describe('observability', () => {
  const settings = testStack(ports);
  const dbUrl = new URL(settings.databaseUrls.notification);
  const proxy = new TcpProxy(PG_PROXY_PORT, {
    host: dbUrl.hostname,
    port: Number(dbUrl.port || 5432),
  });
  let otlp: HttpReceiver;
  let stack: Record<ServiceName, ServiceProcess>;
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const queue = `http://127.0.0.1:${ports['queue-service']}`;
  const notifications = `http://127.0.0.1:${ports['notification-service']}`;
  const group = { group: 'notification-service', topic: Topic.QueueTickets };

  const book = (headers: Record<string, string> = {}) => {
    const i = randomInt(1e11, 1e12 - 1);
    return postJson<{ bookingCode: string; error?: unknown }>(
      `${gateway}/api/v1/facilities/${FACILITY}/tickets`,
      { poliCode: 'ANA', patient: { nik: nikFor(i), phone: phoneFor(i % 1e8) } },
      headers,
    );
  };

  beforeAll(async () => {
    otlp = await HttpReceiver.start({ port: OTLP_PORT });
    await proxy.restore();
    const viaProxy = new URL(settings.databaseUrls.notification);
    viaProxy.port = String(PG_PROXY_PORT);
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${OTLP_PORT}` };
    stack = await startStack(
      {
        ...settings,
        extraEnv: {
          ...settings.extraEnv,
          'queue-service': { ...settings.extraEnv?.['queue-service'], ...otel },
          'notification-service': { NOTIFICATION_DATABASE_URL: viaProxy.toString(), ...otel },
          gateway: { ...settings.extraEnv?.gateway, ...otel },
          'referral-service': otel,
        },
      },
      join(REPO_ROOT, '.infra/test-logs/observability'),
    );
    await new QueueClient(queue).putFacility(FACILITY, TEST_HOSPITAL);
    // Earlier test files may have left a backlog on the shared broker.
    await waitForConsumerGroupCaughtUp(settings.kafkaBrokers, group.group, group.topic);
  });

  afterAll(async () => {
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    await proxy.cut();
    await otlp?.stop();
  });

  it('exports the gauges every dashboard needs', async () => {
    const booked = await book();
    expect(booked.status).toBe(201);
    const checkedIn = await new QueueClient(queue).ticketOp(booked.body.bookingCode, 'check-in');
    expect(checkedIn.status).toBe(200);
    const station = checkedIn.body.station ?? 'admisi';
    await scrapeUntil(
      queue,
      'queue_waiting_tickets',
      { facility: FACILITY, station },
      (v) => (v ?? 0) >= 1,
    );
    expect(await scrape(queue, 'outbox_backlog')).toBeDefined();
    expect(await scrape(queue, 'http_request_duration_seconds_count')).toBeGreaterThan(0);
    await scrapeUntil(notifications, 'kafka_consumer_lag', group, (v) => v === 0);
    // Every service that consumes exports its group's lag.
    for (const name of ['queue-service', 'referral-service', 'gateway'] as const) {
      const text = await (await serviceFetch(`http://127.0.0.1:${ports[name]}/metrics`)).text();
      expect(text).toMatch(/^kafka_consumer_lag\{/m);
    }
  });

  it('outbox_backlog rises while the relay cannot publish and falls back to 0', async () => {
    const lock = new Client({ connectionString: settings.databaseUrls.queue });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [RELAY_LOCK]);
      const booked = await Promise.all([book(), book(), book()]);
      expect(booked.map((b) => b.status)).toEqual([201, 201, 201]);
      const high = await scrapeUntil(queue, 'outbox_backlog', {}, (v) => (v ?? 0) >= 3);
      expect(high).toBeGreaterThanOrEqual(3);
      await lock.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]);
      await scrapeUntil(queue, 'outbox_backlog', {}, (v) => v === 0);
    } finally {
      await lock.end();
    }
  });

  it("notification-service's kafka_consumer_lag rises while it cannot process and falls back to 0, losing nothing", async () => {
    await scrapeUntil(notifications, 'kafka_consumer_lag', group, (v) => v === 0);
    await proxy.cut();
    let codes: string[];
    try {
      const booked = await Promise.all([book(), book(), book()]);
      expect(booked.map((b) => b.status)).toEqual([201, 201, 201]);
      codes = booked.map((b) => b.body.bookingCode);
      // Published (the relay is free), not processed: the lag is the three events.
      await scrapeUntil(queue, 'outbox_backlog', {}, (v) => v === 0);
      const high = await scrapeUntil(
        notifications,
        'kafka_consumer_lag',
        group,
        (v) => (v ?? 0) >= 3,
      );
      expect(high).toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.restore();
    }
    await scrapeUntil(notifications, 'kafka_consumer_lag', group, (v) => v === 0, 120_000);
    for (const code of codes) {
      const rows = await eventually(async () => {
        const res = await getJson<unknown[]>(
          `${notifications}/v1/notifications?subject=ticket:${code}`,
        );
        if (res.body.length === 0) throw new Error(`no notification for ${code} yet`);
        return res.body;
      });
      expect(rows.length).toBeGreaterThan(0);
    }
    const dead = await scrape(notifications, 'events_consumed_total', {
      consumer: 'notification-service',
      outcome: 'dead-lettered',
    });
    expect(dead ?? 0).toBe(0);
  });

  it('one trace runs from the caller through gateway, queue-service and Kafka to notification-service', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const booked = await book({ traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(booked.status).toBe(201);

    // Each service exports its own batches: wait until all five sides of the trace arrived.
    const expected: Array<[string, number]> = [
      ['gateway', SpanKind.SERVER],
      ['gateway', SpanKind.CLIENT],
      ['queue-service', SpanKind.SERVER],
      ['queue-service', SpanKind.PRODUCER],
      ['notification-service', SpanKind.CONSUMER],
    ];
    const spans = await eventually(async () => {
      await Promise.resolve();
      const mine = receivedSpans(otlp).filter((s) => s.traceId === traceId);
      const missing = expected.filter(
        ([service, kind]) => !mine.some((s) => s.service === service && s.kind === kind),
      );
      if (missing.length > 0) throw new Error(`spans not received yet: ${JSON.stringify(missing)}`);
      return mine;
    }, 60_000);

    const one = (service: string, kind: number, name?: RegExp) => {
      const found = spans.filter(
        (s) => s.service === service && s.kind === kind && (!name || name.test(s.name)),
      );
      expect(found).toHaveLength(1);
      return found[0];
    };
    const gatewayServer = one('gateway', SpanKind.SERVER);
    expect(gatewayServer.parentSpanId).toBe(callerSpanId);
    const gatewayClient = one('gateway', SpanKind.CLIENT);
    expect(gatewayClient.parentSpanId).toBe(gatewayServer.spanId);
    const queueServer = one('queue-service', SpanKind.SERVER);
    expect(queueServer.parentSpanId).toBe(gatewayClient.spanId);
    const producer = one('queue-service', SpanKind.PRODUCER, new RegExp(Topic.QueueTickets));
    expect(producer.parentSpanId).toBe(queueServer.spanId);
    const consumer = one('notification-service', SpanKind.CONSUMER);
    expect(consumer.name).toBe(`process ${Topic.QueueTickets}`);
    expect(consumer.parentSpanId).toBe(producer.spanId);

    // Log lines written while handling the request carry its trace id and correlation id.
    for (const service of ['gateway', 'queue-service']) {
      const lines = readFileSync(
        join(REPO_ROOT, `.infra/test-logs/observability/${service}.log`),
        'utf8',
      )
        .split('\n')
        .filter((l) => l.includes(traceId))
        .map((l) => JSON.parse(l) as { correlationId?: string });
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l.correlationId).toEqual(expect.any(String));
    }
  });
});
