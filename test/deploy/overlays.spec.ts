/**
 * The kustomize overlays (k8s/overlays/dev, k8s/overlays/production), rendered by ./kustomize.ts
 * and checked as data, since no cluster runs here: every object against its schema (Kubernetes
 * kinds with kubernetes-models, Strimzi/KEDA/CloudNativePG/Prometheus Operator kinds with their
 * @kubernetes-models packages, unknown fields reported), and what matters beyond the schema, each
 * against the code it serves: health probes vs. libs/observability, topics vs. libs/contracts,
 * environments vs. the apps' config schemas, network policies vs. what each app's config says it
 * talks to, autoscalers and disruption budgets vs. the Deployments, Secrets vs. their examples.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { requiredVariables } from '@app/config';
import { TOPIC_SPECS, Topic } from '@app/contracts';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { notificationConfigSchema } from '../../apps/notification-service/src/config';
import { queueConfigSchema } from '../../apps/queue-service/src/config';
import { referralConfigSchema } from '../../apps/referral-service/src/config';
import { bridgeConfigSchema } from '../../apps/bpjs-bridge/src/config';
import { simulatorConfigSchema } from '../../apps/bpjs-simulator/src/config';
import {
  containersOf,
  idOf,
  isObj,
  mergeStrategic,
  readDocuments,
  render,
  text,
} from './kustomize';
import type { Json, Obj } from './kustomize';

const ROOT = resolve(__dirname, '../..');
const OVERLAYS = ['dev', 'production'] as const;
type Overlay = (typeof OVERLAYS)[number];
const NAMESPACE = 'antrean-rujukan';
const SECRET_NAME = 'antrean-rujukan-secrets';
/** The redis-ha chart's HAProxy pods and Service (release "redis-ha", its templates' labels). */
const REDIS_HA = { service: 'redis-ha-haproxy', podLabels: { app: 'redis-ha-haproxy' } };

const SCHEMAS: Record<string, z.ZodObject> = {
  gateway: gatewayConfigSchema,
  'queue-service': queueConfigSchema,
  'referral-service': referralConfigSchema,
  'notification-service': notificationConfigSchema,
  'bpjs-bridge': bridgeConfigSchema,
  'bpjs-simulator': simulatorConfigSchema,
};

type ModelClass = new (data: Obj) => { validate(): void };
const CORE_MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

// ---------------------------------------------------------------------------------------------------
// Helpers

const o = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
const nameOf = (doc: Obj): string => s(o(doc.metadata).name);
const labelsOf = (doc: Obj): Record<string, string> => o(o(doc.metadata).labels) as never;
const podLabelsOf = (doc: Obj): Record<string, string> =>
  o(o(o(doc.spec).template).metadata).labels as never;
const podSpecOf = (doc: Obj): Obj => o(o(o(doc.spec).template).spec);

/** Validates custom resources in a child process (see validate-crds.mjs for why). */
function validateCrds(docs: Obj[]): { id: string; error: string | null; unknown: string[] }[] {
  if (docs.length === 0) return [];
  const out = spawnSync(process.execPath, [join(__dirname, 'validate-crds.mjs')], {
    input: JSON.stringify(docs),
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (out.status !== 0) throw new Error(`validate-crds.mjs failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { id: string; error: string | null; unknown: string[] }[];
}

/** Field paths a core model's schema does not know (typos the API server would drop). */
function unknownCoreFields(Model: ModelClass, doc: Obj): string[] {
  const seen: { path: string; target: object; read: Set<PropertyKey>; enumerated: boolean }[] = [];
  const proxies = new WeakMap<object, object>();
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const cached = proxies.get(value);
    if (cached) return cached;
    let info: (typeof seen)[number] | undefined;
    const touch = () => {
      if (!info) seen.push((info = { path, target: value, read: new Set(), enumerated: false }));
      return info;
    };
    const proxy = new Proxy(value, {
      get: (t, k) => {
        touch().read.add(k);
        return wrap(Reflect.get(t, k), `${path}/${String(k)}`);
      },
      has: (t, k) => {
        touch().read.add(k);
        return Reflect.has(t, k);
      },
      ownKeys: (t) => {
        touch().enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  (Model.prototype as { validate(this: unknown): void }).validate.call(
    wrap(structuredClone(doc), ''),
  );
  return seen
    .filter((x) => !x.enumerated && !Array.isArray(x.target))
    .flatMap((x) =>
      Object.keys(x.target)
        .filter((k) => !x.read.has(k))
        .map((k) => `${x.path}/${k}`),
    );
}

/** Secrets declared by the example files: the base's and the overlay's (never applied). */
function secretExamples(overlay: Overlay): Map<string, Set<string>> {
  const files = [
    join(ROOT, 'k8s/base/secret.example.yaml'),
    join(ROOT, 'k8s/overlays', overlay, 'secrets.example.yaml'),
  ];
  const out = new Map<string, Set<string>>();
  for (const file of files.filter(existsSync)) {
    for (const doc of readDocuments(file)) {
      expect(doc.kind).toBe('Secret');
      const keys = out.get(nameOf(doc)) ?? new Set<string>();
      for (const k of Object.keys(o(doc.stringData))) keys.add(k);
      out.set(nameOf(doc), keys);
    }
  }
  return out;
}

/** One value per key of antrean-rujukan-secrets: the overlay's example wins over the base's. */
function secretValues(overlay: Overlay): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of [
    join(ROOT, 'k8s/base/secret.example.yaml'),
    join(ROOT, 'k8s/overlays', overlay, 'secrets.example.yaml'),
  ]) {
    for (const doc of readDocuments(file).filter((d) => nameOf(d) === SECRET_NAME))
      for (const [k, v] of Object.entries(o(doc.stringData))) values[k] = s(v);
  }
  return values;
}

/** Every Secret reference in an object: { name, key? } with where it was found. */
function secretRefs(doc: Obj): { name: string; key?: string; at: string }[] {
  const refs: { name: string; key?: string; at: string }[] = [];
  const walk = (v: Json, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (isObj(v)) {
      for (const [k, child] of Object.entries(v)) {
        const at = `${path}/${k}`;
        if (k === 'secretKeyRef' && isObj(child))
          refs.push({ name: s(child.name), key: s(child.key), at });
        else if ((k === 'secretRef' || k === 'passwordSecret' || k === 'secret') && isObj(child))
          refs.push({ name: s(child.name), ...(child.key ? { key: s(child.key) } : {}), at });
        else if (
          (k === 'accessKeyId' || k === 'secretAccessKey') &&
          isObj(child) &&
          child.name !== undefined
        )
          refs.push({ name: s(child.name), key: s(child.key), at });
        else if (k === 'secretName' && typeof child === 'string' && !at.includes('/tls/'))
          refs.push({ name: child, at });
        walk(child, at);
      }
    }
  };
  walk(doc, idOf(doc));
  return refs;
}

/** The environment of an app container: ConfigMap (envFrom) then env, Secret values from examples. */
function envOf(container: Obj, configMaps: Obj[], secrets: Record<string, string>) {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const from of list(container.envFrom).map(o)) {
    const map = configMaps.find((m) => nameOf(m) === s(o(from.configMapRef).name));
    if (!map) problems.push(`envFrom: no ConfigMap ${s(o(from.configMapRef).name)}`);
    else for (const [k, v] of Object.entries(o(map.data))) values[k] = s(v);
  }
  for (const e of list(container.env).map(o)) {
    const ref = o(o(e.valueFrom).secretKeyRef);
    if (ref.name !== undefined) {
      if (ref.name !== SECRET_NAME || secrets[s(ref.key)] === undefined)
        problems.push(`${s(e.name)}: ${s(ref.name)}/${s(ref.key)} not in the examples`);
      else values[s(e.name)] = secrets[s(ref.key)];
    } else if (e.value !== undefined) values[s(e.name)] = s(e.value);
    else problems.push(`${s(e.name)}: no value`);
  }
  return { values, problems };
}

const matches = (selector: Obj, labels: Record<string, string>): boolean => {
  const ml = o(selector.matchLabels);
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  return list(selector.matchExpressions)
    .map(o)
    .every((e) => {
      const values = list(e.values).map(s);
      const has = Object.prototype.hasOwnProperty.call(labels, s(e.key));
      switch (text(e.operator)) {
        case 'In':
          return has && values.includes(labels[s(e.key)]);
        case 'NotIn':
          return !has || !values.includes(labels[s(e.key)]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          throw new Error(`unknown operator ${s(e.operator)}`);
      }
    });
};

// ---------------------------------------------------------------------------------------------------
// A NetworkPolicy evaluator: enough of the semantics to ask "may A open a TCP connection to B:port?"

/** One end of a connection: a pod (labels, namespace) or an address outside the cluster. */
type Endpoint =
  | { pod: Record<string, string>; namespace: string; nsLabels: Record<string, string> }
  | { ip: string };

const nsEndpoint = (namespace: string, pod: Record<string, string>): Endpoint => ({
  pod,
  namespace,
  nsLabels: { 'kubernetes.io/metadata.name': namespace },
});

function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, p) => (n << 8) + Number(p), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toInt(ip) & mask) === (toInt(base) & mask);
}

function peerMatches(peer: Obj, ep: Endpoint, policyNs: string): boolean {
  if (isObj(peer.ipBlock)) {
    if (!('ip' in ep)) return false;
    return (
      ipInCidr(ep.ip, s(peer.ipBlock.cidr)) &&
      !list(peer.ipBlock.except).some((c) => ipInCidr(ep.ip, s(c)))
    );
  }
  if ('ip' in ep) return false;
  const nsOk = isObj(peer.namespaceSelector)
    ? matches(peer.namespaceSelector, ep.nsLabels)
    : ep.namespace === policyNs;
  const podOk = isObj(peer.podSelector) ? matches(peer.podSelector, ep.pod) : true;
  return nsOk && podOk;
}

function portMatches(rulePorts: Json[], port: number, protocol: string): boolean {
  if (rulePorts.length === 0) return true;
  return rulePorts.map(o).some((p) => (p.protocol ?? 'TCP') === protocol && p.port === port);
}

/** Whether `policies` (all in NAMESPACE) let `from` reach `to` on port/protocol. */
function allowed(
  policies: Obj[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  const side = (ep: Endpoint, type: 'Egress' | 'Ingress', peer: Endpoint): boolean => {
    if ('ip' in ep || ep.namespace !== NAMESPACE) return true; // not ours to restrict
    const selecting = policies.filter(
      (p) =>
        list(o(p.spec).policyTypes).includes(type) && matches(o(o(p.spec).podSelector), ep.pod),
    );
    if (selecting.length === 0) return true;
    const key = type === 'Egress' ? 'egress' : 'ingress';
    const peerKey = type === 'Egress' ? 'to' : 'from';
    return selecting.some((p) =>
      list(o(p.spec)[key])
        .map(o)
        .some(
          (rule) =>
            (rule[peerKey] === undefined ||
              list(rule[peerKey]).some((x) => peerMatches(o(x), peer, NAMESPACE))) &&
            portMatches(list(rule.ports), port, protocol),
        ),
    );
  };
  return side(from, 'Egress', to) && side(to, 'Ingress', from);
}

// ---------------------------------------------------------------------------------------------------
// What the code says

/** Health endpoints, from libs/observability's HealthController decorators. */
function healthPaths(): { live: string; ready: string } {
  const text = readFileSync(join(ROOT, 'libs/observability/src/health.ts'), 'utf8');
  const base = /@Controller\('([^']+)'\)\s*export class HealthController/.exec(text)?.[1];
  const gets = [...text.matchAll(/@Get\('([^']+)'\)/g)].map((m) => m[1]);
  expect(base).toBeDefined();
  expect(gets).toEqual(expect.arrayContaining(['live', 'ready']));
  return { live: `/${base}/live`, ready: `/${base}/ready` };
}

/** Topics a service consumes: its @EventPattern(Topic.X) handlers. */
function consumedTopics(app: string): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated') walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/@EventPattern\(Topic\.(\w+)\)/g))
          found.add(Topic[m[1] as keyof typeof Topic]);
      }
    }
  };
  walk(join(ROOT, 'apps', app, 'src'));
  return [...found].sort();
}

/** The consumer group an app's main.ts joins (groupId: SERVICE, SERVICE from app.module.ts). */
function consumerGroup(app: string): string {
  const main = readFileSync(join(ROOT, 'apps', app, 'src/main.ts'), 'utf8');
  expect(main).toMatch(/groupId: SERVICE,/);
  const module = readFileSync(join(ROOT, 'apps', app, 'src/app.module.ts'), 'utf8');
  const service = /export const SERVICE = '([^']+)'/.exec(module)?.[1];
  expect(service).toBeDefined();
  return service ?? '';
}

interface Needs {
  kafka: boolean;
  redis: boolean;
  postgres: boolean;
  calls: string[];
}

/** What an app talks to, from its config schema and the URLs its environment gives it. */
function needsOf(app: string, env: Record<string, string>): Needs {
  const shape: Record<string, unknown> = SCHEMAS[app].shape;
  const calls = Object.entries(env)
    .filter(([k]) => k.endsWith('_SERVICE_URL') && k in shape)
    .map(([, v]) => new URL(v).hostname);
  return {
    kafka: 'KAFKA_BROKERS' in shape,
    redis: 'REDIS_URL' in shape,
    postgres: Object.keys(shape).some((k) => k.endsWith('_DATABASE_URL')),
    calls,
  };
}

// ---------------------------------------------------------------------------------------------------

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  const dir = join(ROOT, 'k8s/overlays', overlay);
  const objects = render(dir);
  const byKind = (kind: string) => objects.filter((d) => d.kind === kind);
  const find = (kind: string, name: string) =>
    objects.find((d) => d.kind === kind && nameOf(d) === name);
  const deployments = byKind('Deployment');
  const apps = deployments.filter((d) =>
    ['edge', 'backend'].includes(labelsOf(d)['app.kubernetes.io/component']),
  );
  const configMaps = byKind('ConfigMap');
  const secrets = secretValues(overlay);
  const env = (app: string) =>
    envOf(o(list(podSpecOf(find('Deployment', app) ?? {}).containers)[0]), configMaps, secrets);
  const policies = byKind('NetworkPolicy');
  const kafka = byKind('Kafka');
  const pg = byKind('Cluster');

  it('renders to objects that all pass their schemas, without unknown fields', () => {
    expect(objects.length).toBeGreaterThan(20);
    const custom: Obj[] = [];
    for (const doc of objects) {
      const Model = CORE_MODELS[`${s(doc.apiVersion)}/${s(doc.kind)}`];
      if (!Model) {
        custom.push(doc);
        continue;
      }
      expect(() => new Model(doc).validate()).not.toThrow();
      expect({ id: idOf(doc), unknown: unknownCoreFields(Model, doc) }).toEqual({
        id: idOf(doc),
        unknown: [],
      });
    }
    const results = validateCrds(custom);
    expect(results).toHaveLength(custom.length);
    for (const r of results) expect(r).toEqual({ id: r.id, error: null, unknown: [] });
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const withKubectl = kubectl.error === undefined && kubectl.status === 0 ? it : it.skip;
  withKubectl('renders exactly as kubectl kustomize does', () => {
    const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const theirs = out.stdout
      .split(/^---$/m)
      .map((d) => parse(d) as unknown)
      .filter(isObj);
    const key = (d: Obj) => `${idOf(d)}/${s(o(d.metadata).namespace)}`;
    const ours = new Map(objects.map((d) => [key(d), d]));
    expect(theirs.map(key).sort()).toEqual([...ours.keys()].sort());
    for (const doc of theirs)
      expect({ id: key(doc), doc: ours.get(key(doc)) }).toEqual({ id: key(doc), doc });
  });

  it('puts everything in the namespace and labels it part-of antrean-rujukan', () => {
    for (const doc of objects) {
      if (doc.kind !== 'Namespace')
        expect({ id: idOf(doc), ns: o(doc.metadata).namespace }).toEqual({
          id: idOf(doc),
          ns: NAMESPACE,
        });
      expect({ id: idOf(doc), partOf: labelsOf(doc)['app.kubernetes.io/part-of'] }).toEqual({
        id: idOf(doc),
        partOf: NAMESPACE,
      });
    }
  });

  it('gives every Deployment startup, readiness and liveness probes and resources', () => {
    const health = healthPaths();
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      for (const c of containersOf(d)) {
        const where = `${nameOf(d)}/${s(c.name)}`;
        for (const probe of ['readinessProbe', 'livenessProbe'])
          expect({ where, probe, set: isObj(c[probe]) }).toEqual({ where, probe, set: true });
        const r = o(c.resources);
        for (const kind of ['requests', 'limits'])
          expect({ where, kind, memory: o(r[kind]).memory !== undefined }).toEqual({
            where,
            kind,
            memory: true,
          });
        expect(o(r.requests).cpu).toBeDefined();
      }
    }
    for (const d of apps) {
      const [c] = containersOf(d);
      const ports = list(c.ports).map(o);
      const refs = [...ports.map((p) => p.name), ...ports.map((p) => p.containerPort)];
      const want = {
        startupProbe: health.live,
        readinessProbe: health.ready,
        livenessProbe: health.live,
      };
      for (const [probe, path] of Object.entries(want)) {
        const get = o(o(c[probe]).httpGet);
        expect({ app: nameOf(d), probe, path: get.path, port: refs.includes(get.port) }).toEqual({
          app: nameOf(d),
          probe,
          path,
          port: true,
        });
      }
    }
  });

  it('gives every app a complete environment that its config schema accepts', () => {
    for (const d of apps) {
      const app = nameOf(d);
      const { values, problems } = env(app);
      expect({ app, problems }).toEqual({ app, problems: [] });
      const missing = requiredVariables(SCHEMAS[app]).filter((v) => values[v] === undefined);
      expect({ app, missing }).toEqual({ app, missing: [] });
      const result = SCHEMAS[app].safeParse(values);
      expect({
        app,
        issues: result.success ? [] : result.error.issues.map((i) => i.path.join('.')),
      }).toEqual({ app, issues: [] });
    }
  });

  it("points the apps at this overlay's Kafka, Redis and Postgres", () => {
    expect(kafka).toHaveLength(1);
    const plain = list(o(o(kafka[0].spec).kafka).listeners)
      .map(o)
      .find((l) => l.tls === false && l.type === 'internal');
    const bootstrap = `${nameOf(kafka[0])}-kafka-bootstrap:${s(plain?.port)}`;
    expect(pg).toHaveLength(1);
    const redisHost = overlay === 'production' ? REDIS_HA.service : 'redis';
    if (overlay === 'dev') expect(find('Service', 'redis')).toBeDefined();
    for (const d of apps) {
      const { values } = env(nameOf(d));
      if (values.KAFKA_BROKERS !== undefined) expect(values.KAFKA_BROKERS).toBe(bootstrap);
      if (values.REDIS_URL !== undefined)
        expect(new URL(values.REDIS_URL).hostname).toBe(redisHost);
      for (const [k, v] of Object.entries(values).filter(([k]) => k.endsWith('_DATABASE_URL'))) {
        const u = new URL(v);
        expect({ k, host: u.hostname }).toEqual({ k, host: `${nameOf(pg[0])}-rw` });
        // The database and its owner exist in the CloudNativePG cluster.
        const spec = o(pg[0].spec);
        const initdb = o(o(spec.bootstrap).initdb);
        const dbs = [
          s(initdb.database),
          ...list(initdb.postInitSQL)
            .map(s)
            .flatMap((q) => /CREATE DATABASE (\w+) OWNER (\w+)/.exec(q)?.slice(1, 2) ?? []),
        ];
        expect(dbs).toContain(u.pathname.slice(1));
        const roles = list(o(spec.managed).roles).map((r) => s(o(r).name));
        expect(roles).toContain(decodeURIComponent(u.username));
      }
    }
  });

  it('declares every topic of libs/contracts as a KafkaTopic with the settings the code expects', () => {
    const topics = byKind('KafkaTopic');
    const declared = topics.map((t) => s(o(t.spec).topicName ?? nameOf(t))).sort();
    expect(declared).toEqual(TOPIC_SPECS.map((t) => t.topic).sort());
    const brokers = byKind('KafkaNodePool')
      .filter((p) => list(o(p.spec).roles).includes('broker'))
      .reduce((n, p) => n + Number(o(p.spec).replicas), 0);
    for (const spec of TOPIC_SPECS) {
      const t = topics.find((x) => o(x.spec).topicName === spec.topic) ?? {};
      const config = o(o(t.spec).config);
      expect(labelsOf(t)['strimzi.io/cluster']).toBe(nameOf(kafka[0]));
      expect({
        topic: spec.topic,
        partitions: o(t.spec).partitions,
        cleanup: config['cleanup.policy'],
        retention: config['retention.ms'] ?? undefined,
      }).toEqual({
        topic: spec.topic,
        partitions: spec.partitions,
        cleanup: spec.cleanupPolicy,
        retention: spec.retentionMs,
      });
      const replicas = Number(o(t.spec).replicas);
      expect(replicas).toBeLessThanOrEqual(brokers);
      const minIsr = Number(config['min.insync.replicas'] ?? 1);
      if (overlay === 'production') {
        expect(replicas).toBeGreaterThanOrEqual(3);
        expect(minIsr).toBe(replicas - 1); // one broker may be away without failing acks=all
      }
    }
    expect(
      byKind('KafkaTopic')
        .filter((t) => o(o(t.spec).config)['cleanup.policy'] === 'compact')
        .map((t) => o(t.spec).topicName),
    ).toEqual([Topic.QueueFacilities]);
    // The apps' ensureTopics must not be the one creating topics with other names.
    expect(o(o(o(kafka[0].spec).kafka).config)['auto.create.topics.enable']).toBe(false);
  });

  it('resolves every Secret reference to a Secret and key that an example declares', () => {
    const declared = secretExamples(overlay);
    const refs = objects.flatMap(secretRefs);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const keys = declared.get(ref.name);
      expect({ ref: ref.at, secret: ref.name, declared: keys !== undefined }).toEqual({
        ref: ref.at,
        secret: ref.name,
        declared: true,
      });
      if (ref.key !== undefined)
        expect({ ref: ref.at, key: ref.key, declared: keys?.has(ref.key) }).toEqual({
          ref: ref.at,
          key: ref.key,
          declared: true,
        });
    }
    // The CloudNativePG role Secrets hold the role's name (basic-auth).
    for (const role of list(o(o(pg[0].spec).managed).roles).map(o)) {
      const file = join(ROOT, 'k8s/overlays', overlay, 'secrets.example.yaml');
      const secret = readDocuments(file).find((d) => nameOf(d) === s(o(role.passwordSecret).name));
      expect(secret?.type).toBe('kubernetes.io/basic-auth');
      expect(o(secret?.stringData).username).toBe(role.name);
    }
    expect(objects.filter((d) => d.kind === 'Secret')).toEqual([]);
  });

  it('has PodDisruptionBudgets that select existing pods, one per app that serves traffic', () => {
    const pdbs = byKind('PodDisruptionBudget');
    for (const pdb of pdbs) {
      const selector = o(o(pdb.spec).selector);
      const selected = deployments.filter((d) => matches(selector, podLabelsOf(d)));
      expect({ pdb: nameOf(pdb), selected: selected.map(nameOf) }).toEqual({
        pdb: nameOf(pdb),
        selected: [nameOf(pdb)],
      });
      expect(o(pdb.spec).maxUnavailable).toBe(1);
    }
    const covered = pdbs.map(nameOf).sort();
    expect(covered).toEqual(
      apps
        .map(nameOf)
        .filter((n) => n !== 'bpjs-simulator')
        .sort(),
    );
  });

  it('lets each app reach exactly what its config says it uses, and denies the rest', () => {
    const pod = (name: string) => {
      const d = find('Deployment', name) ?? find('Job', name);
      return nsEndpoint(NAMESPACE, d ? podLabelsOf(d) : { 'app.kubernetes.io/name': name });
    };
    const kafkaPod = nsEndpoint(NAMESPACE, {
      'strimzi.io/cluster': nameOf(kafka[0]),
      'strimzi.io/kind': 'Kafka',
      'strimzi.io/broker-role': 'true',
    });
    const pgPod = nsEndpoint(NAMESPACE, { 'cnpg.io/cluster': nameOf(pg[0]), role: 'primary' });
    const redisPod =
      overlay === 'production'
        ? nsEndpoint(NAMESPACE, REDIS_HA.podLabels)
        : nsEndpoint(NAMESPACE, podLabelsOf(find('Deployment', 'redis') ?? {}));
    const internet = { ip: '203.0.113.10' };
    const privateNet = { ip: '10.1.2.3' };
    const dns = {
      pod: { 'k8s-app': 'kube-dns' },
      namespace: 'kube-system',
      nsLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    };
    const elsewhere = nsEndpoint('default', { app: 'curious' });
    const monitoring = nsEndpoint('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
    const CALLS_OUT = ['bpjs-bridge', 'notification-service', 'referral-service'];

    const names = apps.map(nameOf);
    for (const app of names) {
      const a = pod(app);
      const needs = needsOf(app, env(app).values);
      const port = Number(env(app).values.PORT);
      const row = {
        app,
        kafka: allowed(policies, a, kafkaPod, 9092),
        redis: allowed(policies, a, redisPod, 6379),
        postgres: allowed(policies, a, pgPod, 5432),
        dns: allowed(policies, a, dns, 53, 'UDP'),
        internet: allowed(policies, a, internet, 443),
        privateNet: allowed(policies, a, privateNet, 443),
        fromOtherNamespace: allowed(policies, elsewhere, a, port),
        scrapedByPrometheus: allowed(policies, monitoring, a, port),
      };
      expect(row).toEqual({
        app,
        kafka: needs.kafka,
        redis: needs.redis,
        postgres: needs.postgres,
        dns: true,
        internet: CALLS_OUT.includes(app),
        privateNet: false,
        fromOtherNamespace: app === 'gateway',
        scrapedByPrometheus: true,
      });
      // App to app: exactly the calls its *_SERVICE_URLs name (dev: bpjs-bridge also reaches
      // the simulator, which stands in for BPJS on the internet).
      for (const other of names.filter((n) => n !== app)) {
        const otherPort = Number(env(other).values.PORT);
        const expected =
          needs.calls.includes(other) || (app === 'bpjs-bridge' && other === 'bpjs-simulator');
        expect({
          from: app,
          to: other,
          allowed: allowed(policies, a, pod(other), otherPort),
        }).toEqual({ from: app, to: other, allowed: expected });
      }
    }
    // The migration Job: its database only.
    const job = pod('antrean-rujukan-migrate');
    expect([
      allowed(policies, job, pgPod, 5432),
      allowed(policies, job, kafkaPod, 9092),
      allowed(policies, job, internet, 443),
    ]).toEqual([true, false, false]);
    // Strimzi's listener policy admits the apps that use Kafka (and KEDA's scaler).
    const peers = list(list(o(o(kafka[0].spec).kafka).listeners).map(o)[0].networkPolicyPeers).map(
      o,
    );
    for (const app of names.filter((n) => needsOf(n, env(n).values).kafka))
      expect({ app, admitted: peers.some((p) => peerMatches(p, pod(app), NAMESPACE)) }).toEqual({
        app,
        admitted: true,
      });
  });

  it('scales only Deployments that exist, each by one autoscaler', () => {
    const scalers = [...byKind('HorizontalPodAutoscaler'), ...byKind('ScaledObject')];
    const targets = scalers.map((x) => s(o(o(x.spec).scaleTargetRef).name));
    expect(new Set(targets).size).toBe(targets.length);
    for (const t of targets) expect(find('Deployment', t)).toBeDefined();
    if (overlay === 'dev') expect(scalers).toEqual([]);
  });
});

describe('production specifics', () => {
  const objects = render(join(ROOT, 'k8s/overlays/production'));
  const byKind = (kind: string) => objects.filter((d) => d.kind === kind);
  const apps = byKind('Deployment').map(nameOf).sort();

  it('runs no BPJS simulator and pins the image', () => {
    expect(apps).not.toContain('bpjs-simulator');
    for (const d of [...byKind('Deployment'), ...byKind('Job')])
      for (const c of containersOf(d)) expect(s(c.image)).not.toMatch(/:latest$|^[^:@]+$/);
  });

  it('autoscales every app from two replicas, leaving replicas to the autoscaler', () => {
    const hpas = byKind('HorizontalPodAutoscaler');
    const scaled = byKind('ScaledObject');
    const targets = [...hpas, ...scaled].map((x) => s(o(o(x.spec).scaleTargetRef).name)).sort();
    expect(targets).toEqual(apps);
    for (const d of byKind('Deployment'))
      expect({ d: nameOf(d), replicas: o(d.spec).replicas }).toEqual({
        d: nameOf(d),
        replicas: undefined,
      });
    for (const h of hpas) {
      expect(o(h.spec).minReplicas).toBeGreaterThanOrEqual(2);
      const metric = o(list(o(h.spec).metrics)[0]);
      expect(o(metric.resource).name).toBe('cpu');
    }
    for (const so of scaled) expect(o(so.spec).minReplicaCount).toBeGreaterThanOrEqual(2);
  });

  it("scales notification-service on its own consumer group's lag, on the topics it consumes", () => {
    const so = byKind('ScaledObject').find((x) => nameOf(x) === 'notification-service');
    const kafkaTriggers = list(o(so?.spec).triggers)
      .map(o)
      .filter((t) => t.type === 'kafka');
    const kafka = byKind('Kafka')[0];
    for (const t of kafkaTriggers) {
      expect(o(t.metadata).consumerGroup).toBe(consumerGroup('notification-service'));
      expect(s(o(t.metadata).bootstrapServers)).toMatch(
        new RegExp(`^${nameOf(kafka)}-kafka-bootstrap\\.${NAMESPACE}\\.svc:9092$`),
      );
    }
    const topics = kafkaTriggers.map((t) => s(o(t.metadata).topic)).sort();
    expect(topics).toEqual(consumedTopics('notification-service'));
    // More consumers than partitions would idle.
    const partitions = Math.max(
      ...TOPIC_SPECS.filter((t) => topics.includes(t.topic)).map((t) => t.partitions),
    );
    expect(o(so?.spec).maxReplicaCount).toBeLessThanOrEqual(partitions);
  });

  it('backs Postgres up and runs it on three instances', () => {
    const [cluster] = byKind('Cluster');
    expect(o(cluster.spec).instances).toBe(3);
    expect(o(o(o(cluster.spec).backup).barmanObjectStore).destinationPath).toMatch(/^s3:\/\//);
    const [scheduled] = byKind('ScheduledBackup');
    expect(o(o(scheduled.spec).cluster).name).toBe(nameOf(cluster));
    expect(s(o(scheduled.spec).schedule).split(' ')).toHaveLength(6);
  });

  it('gets Redis from the redis-ha chart with Sentinel and a master-following HAProxy', () => {
    const values = o(
      parse(readFileSync(join(ROOT, 'k8s/overlays/production/redis-ha-values.yaml'), 'utf8')),
    );
    expect(Number(values.replicas)).toBeGreaterThanOrEqual(3);
    const quorum = Number(o(values.sentinel).quorum);
    expect(quorum).toBe(Math.floor(Number(values.replicas) / 2) + 1);
    expect(o(values.haproxy).enabled).toBe(true);
    expect(values.auth).toBe(true);
    const declared = secretExamples('production');
    expect(declared.get(s(values.existingSecret))?.has(s(values.authKey))).toBe(true);
    // Quota counters and queue projections must never be evicted.
    expect(o(o(values.redis).config)['maxmemory-policy']).toBe('noeviction');
    const url = new URL(secretValues('production').REDIS_URL);
    expect(url.hostname).toBe(REDIS_HA.service);
  });

  it('scrapes every app Service and ships the alert rules', () => {
    const [monitor] = byKind('ServiceMonitor');
    const services = byKind('Service').filter((svc) =>
      matches(o(o(monitor.spec).selector), labelsOf(svc)),
    );
    expect(services.map(nameOf).sort()).toEqual(apps);
    for (const svc of services) {
      const ports = list(o(svc.spec).ports).map((p) => o(p).name);
      for (const e of list(o(monitor.spec).endpoints).map(o)) expect(ports).toContain(e.port);
    }
    expect(byKind('PrometheusRule')).toHaveLength(1);
  });
});

describe('the overlay checks themselves', () => {
  it('merge strategically: lists by name, null deletes, other lists replaced', () => {
    const target: Obj = {
      spec: {
        replicas: 1,
        containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }],
        args: ['x'],
      },
    };
    mergeStrategic(target, {
      spec: {
        replicas: null,
        containers: [{ name: 'a', env: [{ name: 'Y', value: '2' }] }],
        args: ['y'],
      },
    });
    expect(target).toEqual({
      spec: {
        containers: [
          {
            name: 'a',
            env: [
              { name: 'Y', value: '2' },
              { name: 'X', value: '1' },
            ],
          },
        ],
        args: ['y'],
      },
    });
  });

  it('the CRD validation rejects wrong types and reports misspelt fields', () => {
    const topic = (spec: Obj): Obj => ({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: { name: 't' },
      spec,
    });
    const [ok, wrongType, typo, unknownKind] = validateCrds([
      topic({ partitions: 3, replicas: 1 }),
      topic({ partitions: 'three', replicas: 1 }),
      topic({ partitons: 3, replicas: 1 }),
      { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } },
    ]);
    expect(ok.error).toBeNull();
    expect(wrongType.error).toMatch(/partitions/);
    expect(typo.unknown).toEqual(['/spec/partitons']);
    expect(unknownKind.error).toMatch(/no model/);
  });

  it('the NetworkPolicy evaluator denies what no policy allows', () => {
    const deny: Obj = { spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
    const a = nsEndpoint(NAMESPACE, { app: 'a' });
    const b = nsEndpoint(NAMESPACE, { app: 'b' });
    expect(allowed([], a, b, 80)).toBe(true);
    expect(allowed([deny], a, b, 80)).toBe(false);
    const egress: Obj = {
      spec: {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }],
      },
    };
    const ingress: Obj = {
      spec: {
        podSelector: { matchLabels: { app: 'b' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
      },
    };
    expect(allowed([deny, egress], a, b, 80)).toBe(false); // b's ingress still denied
    expect(allowed([deny, egress, ingress], a, b, 80)).toBe(true);
    expect(allowed([deny, egress, ingress], a, b, 81)).toBe(false);
    expect(allowed([deny, egress, ingress], b, a, 80)).toBe(false);
  });
});
