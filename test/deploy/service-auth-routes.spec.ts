/**
 * Every HTTP route of every internal service requires the service token, except the routes listed
 * here with the reason they are open. Read from Nest's own metadata (the routes the app modules
 * really mount) and held against each service's OpenAPI document, so a new exempt controller or a
 * forgotten @ServiceAuthExempt fails here before it reaches a cluster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { z } from 'zod';
import {
  controllersOf,
  handledRoutesOf,
  serviceAuthExemption,
  type OpenApiDocument,
} from '@app/http';
import { DEFAULT_PORTS, REPO_ROOT, serviceEnv, type StackSettings } from '@app/testing';
import { QueueServiceModule } from '../../apps/queue-service/src/app.module';
import { queueConfigSchema } from '../../apps/queue-service/src/config';
import { buildOpenApiDocument as queueDocument } from '../../apps/queue-service/src/openapi/openapi';
import { ReferralServiceModule } from '../../apps/referral-service/src/app.module';
import { referralConfigSchema } from '../../apps/referral-service/src/config';
import { buildOpenApiDocument as referralDocument } from '../../apps/referral-service/src/openapi';
import { NotificationServiceModule } from '../../apps/notification-service/src/app.module';
import { notificationConfigSchema } from '../../apps/notification-service/src/config';
import { buildOpenApiDocument as notificationDocument } from '../../apps/notification-service/src/api/openapi';
import { BridgeModule } from '../../apps/bpjs-bridge/src/app.module';
import { bridgeConfigSchema } from '../../apps/bpjs-bridge/src/config';
import { buildOpenApiDocument as bridgeDocument } from '../../apps/bpjs-bridge/src/openapi';

type Backend = 'queue-service' | 'referral-service' | 'notification-service' | 'bpjs-bridge';

/** The only routes open without the service token: `method path` (a trailing * = any rest). */
const OPEN_EVERYWHERE: Record<string, string> = {
  'get /health': 'readiness probe of the kubelet (no token): dependency status only',
  'get /health/live': 'liveness probe of the kubelet (no token)',
  'get /health/ready': 'readiness probe of the kubelet (no token)',
  'get /metrics':
    'Prometheus scrapes without a token: counts and timings only, NetworkPolicy admits monitoring only',
  'get /openapi.json': 'the route table, no data: every data route it lists needs the token',
};
const ALLOWED: Record<Backend, Record<string, string>> = {
  'queue-service': {
    ...OPEN_EVERYWHERE,
    '* /wsrs/{kodeppk}/*': 'WS RS: BPJS Mobile JKN calls it from outside, with its own x-token',
    '* /wsfktp/{kodeppk}/*': 'WS FKTP: Mobile JKN / P-Care calls it from outside, its own x-token',
  },
  'referral-service': OPEN_EVERYWHERE,
  'notification-service': OPEN_EVERYWHERE,
  'bpjs-bridge': OPEN_EVERYWHERE,
};

// Read as data only: nothing connects, so any well-formed address does.
const db = (name: string) => `postgresql://test@127.0.0.1:5432/${name}_test`;
const settings: StackSettings = {
  kafkaBrokers: '127.0.0.1:9',
  redisUrl: 'redis://127.0.0.1:6379/9',
  databaseUrls: {
    queue: db('queue'),
    referral: db('referral'),
    notification: db('notification'),
    gateway: db('gateway'),
    bpjsBridge: db('bridge'),
  },
  ports: DEFAULT_PORTS,
  patientRefSecret: 'test-patient-ref-secret-0123456789',
};
const configOf = <S extends z.ZodObject>(name: Backend, schema: S): z.infer<S> =>
  schema.parse({ ...serviceEnv(name, settings), ENABLE_JOB_ENDPOINTS: 'true' });

const BACKENDS: Record<Backend, { module: () => DynamicModule; document: () => OpenApiDocument }> =
  {
    'queue-service': {
      module: () => QueueServiceModule.forRoot(configOf('queue-service', queueConfigSchema)),
      document: queueDocument,
    },
    'referral-service': {
      module: () =>
        ReferralServiceModule.forRoot(configOf('referral-service', referralConfigSchema)),
      document: referralDocument,
    },
    'notification-service': {
      module: () =>
        NotificationServiceModule.forRoot(
          configOf('notification-service', notificationConfigSchema),
        ),
      document: notificationDocument,
    },
    'bpjs-bridge': {
      module: () => BridgeModule.forRoot(configOf('bpjs-bridge', bridgeConfigSchema)),
      document: bridgeDocument,
    },
  };

const matches = (entry: string, route: string): boolean => {
  const [method, path] = entry.split(' ');
  const [rMethod, rPath] = route.split(' ');
  if (method !== '*' && method !== rMethod) return false;
  return path.endsWith('*') ? rPath.startsWith(path.slice(0, -1)) : path === rPath;
};

describe.each(Object.keys(BACKENDS) as Backend[])('%s: service authentication', (name) => {
  const backend = BACKENDS[name];
  const routes = handledRoutesOf(controllersOf(backend.module())).map((r) => ({
    key: `${r.method} ${r.path}`,
    exemption: serviceAuthExemption(r.controller, r.handler),
  }));

  it('opens only the allow-listed routes, each exemption with its reason', () => {
    expect(routes.length).toBeGreaterThan(5);
    const open = routes.filter((r) => r.exemption !== undefined);
    const unlisted = open.filter((r) => !Object.keys(ALLOWED[name]).some((e) => matches(e, r.key)));
    expect(unlisted.map((r) => `${r.key} (${r.exemption})`)).toEqual([]);
    for (const r of open)
      expect({ route: r.key, reason: r.exemption }).toMatchObject({
        reason: expect.stringMatching(/.{20}/),
      });
    // No stale entries: each allow-list entry names a route the service really opens.
    const stale = Object.keys(ALLOWED[name]).filter((e) => !open.some((r) => matches(e, r.key)));
    expect(stale).toEqual([]);
  });

  it('says in its OpenAPI document exactly which routes need the token', () => {
    const doc = backend.document();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        key: `${method} ${path}`,
        open: Array.isArray(op?.security) && op.security.length === 0,
        codes: Object.values(op?.responses ?? {}).flatMap((r) => r['x-error-codes'] ?? []),
      })),
    );
    const byKey = new Map(routes.map((r) => [r.key, r.exemption !== undefined]));
    for (const d of documented) {
      expect({ route: d.key, open: d.open }).toEqual({ route: d.key, open: byKey.get(d.key) });
      expect({ route: d.key, refuses: d.codes.includes('COMMON.SERVICE_AUTH_REQUIRED') }).toEqual({
        route: d.key,
        refuses: !d.open,
      });
    }
  });

  it('installs the guard at start with its tokens (main.ts)', () => {
    const main = readFileSync(join(REPO_ROOT, 'apps', name, 'src/main.ts'), 'utf8');
    expect(main).toContain('serviceTokens: serviceTokensOf(config)');
  });
});
