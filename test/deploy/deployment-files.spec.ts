/**
 * Checks the deployment files that cannot be run on the dev machines (no Docker engine, no cluster):
 * Dockerfile, docker-compose.yml, deploy/postgres-init and the kustomize base in k8s/base.
 * They are read as data and held against the apps' own config schemas, so a new required variable,
 * a changed default port or a new app fails here instead of at deploy time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import type { z } from 'zod';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { requiredVariables } from '@app/config';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { notificationConfigSchema } from '../../apps/notification-service/src/config';
import { queueConfigSchema } from '../../apps/queue-service/src/config';
import { referralConfigSchema } from '../../apps/referral-service/src/config';
import { bridgeConfigSchema } from '../../apps/bpjs-bridge/src/config';
import { simulatorConfigSchema } from '../../apps/bpjs-simulator/src/config';

const ROOT = resolve(__dirname, '../..');
const K8S_BASE = join(ROOT, 'k8s/base');
const SECRET_EXAMPLE = 'secret.example.yaml';
const SECRET_NAME = 'antrean-rujukan-secrets';
const PART_OF = 'antrean-rujukan';
const IMAGE = 'antrean-rujukan:latest';

/** Every app's config schema. A new app under apps/ must be added here (the first test says so). */
const SCHEMAS: Record<string, z.ZodObject> = {
  gateway: gatewayConfigSchema,
  'queue-service': queueConfigSchema,
  'referral-service': referralConfigSchema,
  'notification-service': notificationConfigSchema,
  'bpjs-bridge': bridgeConfigSchema,
  'bpjs-simulator': simulatorConfigSchema,
};

// ---------------------------------------------------------------------------------------------------
// Small helpers

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, Json>;

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Obj => {
  if (!isObj(v)) throw new Error(`${what}: expected a mapping, got ${JSON.stringify(v)}`);
  return v;
};
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? `${v}` : undefined;
/** A scalar as text (compose and Kubernetes take numbers and booleans where strings are meant). */
const text = (v: unknown): string => str(v) ?? JSON.stringify(v) ?? '';

const appNames = (): string[] =>
  readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

const schemaOf = (app: string): z.ZodObject => {
  const schema = SCHEMAS[app];
  if (!schema)
    throw new Error(`apps/${app} has no schema in SCHEMAS of ${relative(ROOT, __filename)}`);
  return schema;
};

/** The port an app listens on when PORT is not set. */
const defaultPort = (app: string): number => {
  const field = schemaOf(app).shape.PORT as z.ZodType | undefined;
  const port = field?.parse(undefined);
  if (typeof port !== 'number') throw new Error(`${app}: PORT has no numeric default`);
  return port;
};

/** Parses an environment through an app's schema; returns the problems, empty when it loads. */
const configProblems = (app: string, env: Record<string, string>): string[] => {
  const result = schemaOf(app).safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

/** Variables each database-owning service's URL lives in, from scripts/db/services.sh. */
const dbVariables = (): Record<string, string> => {
  const text = read('scripts/db/services.sh');
  const vars = Object.fromEntries(
    [...text.matchAll(/^\s*([a-z-]+)\)\s*echo\s+([A-Z_]+)\s*;;/gm)].map((m) => [m[1], m[2]]),
  );
  expect(Object.keys(vars).length).toBeGreaterThan(0);
  return vars;
};

const databaseOf = (
  url: string,
): { host: string; port: string; user: string; password: string; db: string } => {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '5432',
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    db: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
};

// ---------------------------------------------------------------------------------------------------
// Dockerfile

interface Instruction {
  stage: string;
  op: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped, each tagged with its stage. */
function dockerfile(): Instruction[] {
  const lines = read('Dockerfile').split('\n');
  const joined: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (current && line.startsWith('#')) continue; // comment inside a continued instruction
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    joined.push(current + line);
    current = '';
  }
  let stage = '';
  return joined.map((line) => {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line) ?? ['', line, ''];
    if (op.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    return { stage, op: op.toUpperCase(), args };
  });
}

/** A .dockerignore pattern as a regular expression over slash-separated paths. */
function ignoreRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** Local files reached by relative imports from a TypeScript file, the file itself included. */
function localImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), m[1]);
    const target = [base, `${base}.ts`, join(base, 'index.ts')].find(
      (p) => existsSync(p) && statSync(p).isFile(),
    );
    if (!target) throw new Error(`${relative(ROOT, file)} imports ${m[1]}, which does not exist`);
    localImports(target, seen);
  }
  return seen;
}

describe('Dockerfile', () => {
  const steps = dockerfile();
  const runtime = steps.filter((s) => s.stage === 'runtime');
  const build = steps.filter((s) => s.stage === 'build');

  it('builds on Node 20 slim in a build stage and runs a runtime stage', () => {
    const nodeImage = /ARG NODE_IMAGE=(\S+)/.exec(read('Dockerfile'))?.[1];
    expect(nodeImage).toBe('node:20-bookworm-slim');
    const engines = (JSON.parse(read('package.json')) as { engines?: { node?: string } }).engines
      ?.node;
    expect(engines).toMatch(/^>=\s*20\b/);
    expect(build.length).toBeGreaterThan(0);
    expect(runtime.length).toBeGreaterThan(0);
    const runs = build.filter((s) => s.op === 'RUN').map((s) => s.args);
    for (const step of [
      'npm ci',
      'bash scripts/db/generate.sh',
      'npm run build',
      'npm prune --omit=dev',
    ]) {
      expect(runs.some((r) => r.includes(step))).toBe(true);
    }
    expect(existsSync(join(ROOT, 'scripts/db/generate.sh'))).toBe(true);
  });

  it('runs as the non-root node user and starts the app SERVICE names', () => {
    const ops = runtime.map((s) => `${s.op} ${s.args}`);
    expect(ops).toContain('USER node');
    expect(ops.some((o) => /^ARG SERVICE=/.test(o))).toBe(true);
    expect(ops.some((o) => /^ENV SERVICE=\$\{?SERVICE\}?/.test(o))).toBe(true);
    expect(ops.some((o) => o.startsWith('ENV ') && /\bHOST=0\.0\.0\.0\b/.test(o))).toBe(true);
    const cmd = runtime.filter((s) => s.op === 'CMD').at(-1)?.args ?? '';
    expect(cmd).toContain('dist/apps/$SERVICE/src/main.js');
    expect(cmd).toMatch(/exec node/);
    const defaultService = /ARG SERVICE=(\S+)/.exec(ops.join('\n'))?.[1] ?? '';
    expect(appNames()).toContain(defaultService);
  });

  it('health-checks /health/live on each app default port', () => {
    const check = runtime.find((s) => s.op === 'HEALTHCHECK')?.args ?? '';
    expect(check).toContain('/health/live');
    expect(check).not.toMatch(/\bcurl\b|\bwget\b/);
    const ports = JSON.parse(/const d=(\{[^}]*\})/.exec(check)?.[1] ?? 'null') as Record<
      string,
      number
    >;
    expect(ports).toEqual(Object.fromEntries(appNames().map((app) => [app, defaultPort(app)])));
  });

  it('copies everything the migration job needs into the runtime image', () => {
    const copy =
      build.find((s) => s.op === 'RUN' && s.args.includes('cp -r --parents'))?.args ?? '';
    const [, list = ''] = /cp -r --parents\s+(.*?)\s+\/out\/?/.exec(copy) ?? [];
    const copied = list.split(/\s+/).filter(Boolean).map(ignoreRegex);
    expect(copied.length).toBeGreaterThan(0);
    const isCopied = (path: string) => copied.some((re) => re.test(path));
    expect(isCopied('scripts/db/migrate.sh')).toBe(true);
    expect(isCopied('scripts/db/prisma.sh')).toBe(true);
    expect(
      runtime.some((s) => s.op === 'COPY' && /--from=build\s+\/out\/?\s/.test(`${s.args} `)),
    ).toBe(true);
    // The Prisma CLI loads each prisma.config.ts and whatever it imports (TypeScript, from source).
    for (const app of Object.keys(dbVariables())) {
      const config = join(ROOT, 'apps', app, 'prisma/prisma.config.ts');
      expect(existsSync(config)).toBe(true);
      for (const file of localImports(config)) {
        expect({ file: relative(ROOT, file), copied: isCopied(relative(ROOT, file)) }).toEqual({
          file: relative(ROOT, file),
          copied: true,
        });
      }
      expect(isCopied(`apps/${app}/prisma/migrations/migration_lock.toml`)).toBe(true);
    }
  });

  it('.dockerignore keeps out host artefacts but not what the build needs', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
      .map((p) => ({ p, re: ignoreRegex(p) }));
    const ignored = (path: string) => patterns.filter(({ re }) => re.test(path)).map(({ p }) => p);
    for (const path of [
      'node_modules/x',
      'apps/gateway/node_modules/x',
      'dist/x',
      '.git/HEAD',
      '.infra/x',
    ]) {
      expect({ path, ignored: ignored(path).length > 0 }).toEqual({ path, ignored: true });
    }
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      '.swcrc',
      'scripts/db/migrate.sh',
      'libs/database/src/prisma-cli-adapter.ts',
      ...appNames().map((app) => `apps/${app}/src/config.ts`),
      ...Object.keys(dbVariables()).map((app) => `apps/${app}/prisma/schema.prisma`),
      ...Object.keys(dbVariables()).map(
        (app) => `apps/${app}/prisma/migrations/migration_lock.toml`,
      ),
    ];
    for (const path of needed)
      expect({ path, ignoredBy: ignored(path) }).toEqual({ path, ignoredBy: [] });
  });
});

// ---------------------------------------------------------------------------------------------------
// docker-compose.yml

/** Compose's variable interpolation, defaults only: a variable without a default must not be needed. */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, _name?: string, op?: string, arg?: string) => {
      if (match === '$$') return '$';
      if (op === ':-' || op === '-') return arg ?? '';
      throw new Error(`${match} has no default: compose would need it from the shell`);
    },
  );
}

function composeEnv(service: Obj): Record<string, string> {
  const env = service.environment ?? {};
  const pairs: [string, Json][] = Array.isArray(env)
    ? env.map((line): [string, Json] => {
        const entry = text(line);
        const i = entry.indexOf('=');
        return i < 0 ? [entry, null] : [entry.slice(0, i), entry.slice(i + 1)];
      })
    : Object.entries(obj(env, 'environment'));
  const out: Record<string, string> = {};
  for (const [key, value] of pairs) {
    const text = str(value);
    if (text !== undefined) out[key] = interpolate(text); // null: taken from the shell, not guaranteed
  }
  return out;
}

function loadCompose(): { services: Record<string, Obj>; volumes: Obj } {
  // Merge keys (<<) as compose reads them.
  const doc = parseDocument(read('docker-compose.yml'), { merge: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  const root = obj(doc.toJS(), 'docker-compose.yml');
  const services = obj(root.services, 'services');
  return {
    services: Object.fromEntries(Object.entries(services).map(([k, v]) => [k, obj(v, k)])),
    volumes: isObj(root.volumes) ? root.volumes : {},
  };
}

describe('docker-compose.yml', () => {
  const { services } = loadCompose();
  const apps = appNames();

  it('has a schema for every app and a compose service built from the one Dockerfile for each', () => {
    expect(apps).toEqual(Object.keys(SCHEMAS).sort());
    for (const app of apps) {
      const service = services[app];
      expect({ app, defined: service !== undefined }).toEqual({ app, defined: true });
      const build = obj(service.build, `${app}.build`);
      expect(build.context).toBe('.');
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(obj(build.args, `${app}.build.args`).SERVICE).toBe(app);
      expect(existsSync(join(ROOT, 'apps', app, 'src'))).toBe(true);
    }
  });

  it.each(appNames())('%s: its environment loads through its config schema', (app) => {
    const env = composeEnv(services[app]);
    const missing = requiredVariables(schemaOf(app)).filter((v) => env[v] === undefined);
    expect(missing).toEqual([]);
    expect(configProblems(app, env)).toEqual([]);
    expect(env.HOST).toBe('0.0.0.0');
    // The healthcheck and the other services' URLs rely on PORT being the app's default.
    expect(Number(env.PORT)).toBe(defaultPort(app));
  });

  it('publishes only the gateway, on its default port', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports !== undefined)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
    const ports = arr(services.gateway.ports).map((p) =>
      isObj(p) ? `${text(p.published)}:${text(p.target)}` : text(p),
    );
    expect(ports).toEqual([`${defaultPort('gateway')}:${defaultPort('gateway')}`]);
  });

  it('points every URL between services at a compose service and the right port', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(composeEnv(service))) {
        if (key.endsWith('_SERVICE_URL')) {
          const u = new URL(value);
          expect({ key, host: u.hostname, port: Number(u.port) }).toEqual({
            key,
            host: u.hostname,
            port: defaultPort(u.hostname),
          });
        }
        if (key === 'KAFKA_BROKERS') {
          for (const broker of value.split(','))
            expect(services[broker.split(':')[0]]).toBeDefined();
        }
        if (key === 'REDIS_URL') expect(services[new URL(value).hostname]).toBeDefined();
        if (key.endsWith('_DATABASE_URL')) {
          expect({ service: name, key, host: databaseOf(value).host }).toEqual({
            service: name,
            key,
            host: 'postgres',
          });
        }
      }
    }
  });

  it('runs the Kafka version pinned in scripts/infra/kafka/pom.xml, single-node KRaft', () => {
    const pinned = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
      read('scripts/infra/kafka/pom.xml'),
    )?.[1];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(services.kafka.image).toBe(`apache/kafka:${pinned}`);
    expect(read('scripts/infra/kafka.sh')).toContain(`KAFKA_VERSION=${pinned}`);

    const env = composeEnv(services.kafka);
    expect(env.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/); // 16 bytes, base64url
    const controllerPort = /CONTROLLER:\/\/[^:,]*:(\d+)/.exec(env.KAFKA_LISTENERS ?? '')?.[1];
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:${controllerPort}`);
    expect(env.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
    expect(env.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).toBe('0');
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    // What the apps are told must be what the broker advertises.
    for (const app of apps) {
      for (const broker of (composeEnv(services[app]).KAFKA_BROKERS ?? '').split(',')) {
        expect(env.KAFKA_ADVERTISED_LISTENERS?.split(',')).toContain(`PLAINTEXT://${broker}`);
      }
    }
  });

  it("creates every database the services' URLs name, with the credentials they use", () => {
    const postgres = services.postgres;
    expect(text(postgres.image)).toMatch(/^postgres:15(-|$)/);
    const initMount = arr(postgres.volumes)
      .map(String)
      .find((v) => v.split(':')[1] === '/docker-entrypoint-initdb.d');
    expect(initMount).toBeDefined();
    const initDir = join(ROOT, (initMount ?? '').split(':')[0]);
    expect(initDir).toBe(join(ROOT, 'deploy/postgres-init'));
    const created = readdirSync(initDir)
      .filter((f) => f.endsWith('.sql'))
      .flatMap((f) => [
        ...readFileSync(join(initDir, f), 'utf8').matchAll(/CREATE DATABASE\s+"?(\w+)"?/gi),
      ])
      .map((m) => m[1])
      .sort();
    const pgEnv = composeEnv(postgres);
    const urls = Object.values(services).flatMap((s) =>
      Object.entries(composeEnv(s)).filter(([k]) => k.endsWith('_DATABASE_URL')),
    );
    const named = new Set<string>();
    for (const [key, url] of urls) {
      const db = databaseOf(url);
      named.add(db.db);
      expect({ key, db: db.db, created: created.includes(db.db) }).toEqual({
        key,
        db: db.db,
        created: true,
      });
      expect({ key, user: db.user, password: db.password }).toEqual({
        key,
        user: pgEnv.POSTGRES_USER ?? 'postgres',
        password: pgEnv.POSTGRES_PASSWORD,
      });
    }
    expect([...named].sort()).toEqual([
      'antrean_bpjs_bridge',
      'antrean_gateway',
      'antrean_notification',
      'antrean_queue',
      'antrean_referral',
    ]);
  });

  it('migrates once with the same database URLs the services use', () => {
    const migrate = services.migrate;
    expect(arr(migrate.command).map(text).join(' ')).toBe('bash scripts/db/migrate.sh');
    expect(migrate.build).toBeDefined();
    const env = composeEnv(migrate);
    for (const [app, variable] of Object.entries(dbVariables())) {
      expect({ variable, value: env[variable] }).toEqual({
        variable,
        value: composeEnv(services[app])[variable],
      });
    }
    expect(obj(obj(migrate.depends_on, 'migrate.depends_on').postgres, 'postgres').condition).toBe(
      'service_healthy',
    );
  });

  it('starts the apps only after the infrastructure is healthy and the migrations succeeded', () => {
    const wanted = {
      kafka: 'service_healthy',
      redis: 'service_healthy',
      postgres: 'service_healthy',
      migrate: 'service_completed_successfully',
    };
    for (const app of apps) {
      const deps = obj(services[app].depends_on, `${app}.depends_on`);
      for (const [dep, condition] of Object.entries(wanted)) {
        expect({ app, dep, condition: obj(deps[dep], dep).condition }).toEqual({
          app,
          dep,
          condition,
        });
      }
    }
    // Waiting for "healthy" needs a healthcheck on the other side.
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, spec] of Object.entries(
        isObj(service.depends_on) ? service.depends_on : {},
      )) {
        if (obj(spec, dep).condition === 'service_healthy') {
          expect({ name, dep, healthcheck: services[dep]?.healthcheck !== undefined }).toEqual({
            name,
            dep,
            healthcheck: true,
          });
        }
      }
    }
    for (const app of apps) {
      const test = arr(obj(services[app].healthcheck, `${app}.healthcheck`).test)
        .map(text)
        .join(' ');
      expect(test).toMatch(/\/health\/(ready|live)/);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// k8s/base

type ModelClass = { prototype: { validate(this: unknown): void } } & (new (data: Obj) => {
  validate(): void;
});

/** Every kind the base may use, by apiVersion/kind. */
const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
};

interface Resource {
  file: string;
  doc: Obj;
  kind: string;
  name: string;
}

function loadYamlFile(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(join(K8S_BASE, file), 'utf8'));
  if (!Array.isArray(docs)) return [];
  return docs.flatMap((d) => {
    expect({ file, errors: d.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
    const value: unknown = d.toJS();
    return value === null || value === undefined ? [] : [obj(value, file)];
  });
}

const k8sFiles = () =>
  readdirSync(K8S_BASE)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

function loadResources(): Resource[] {
  return k8sFiles()
    .filter((f) => f !== 'kustomization.yaml')
    .flatMap((file) =>
      loadYamlFile(file).map((doc) => ({
        file,
        doc,
        kind: text(doc.kind),
        name: text(obj(doc.metadata, `${file} metadata`).name),
      })),
    );
}

function validateModel(doc: Obj): void {
  const Model = MODELS[`${text(doc.apiVersion)}/${text(doc.kind)}`];
  if (!Model)
    throw new Error(`no model for ${text(doc.apiVersion)}/${text(doc.kind)}: add it to MODELS`);
  new Model(doc).validate();
}

/**
 * Field paths the Kubernetes schema does not know (a typo such as `readinesProbe` or
 * `readOnlyRootFileSystem`, which the API server drops silently and validate() accepts, since the
 * schemas allow extra fields). The generated validators read every property they know: the document
 * is wrapped in proxies that record those reads, and an object's keys never read are unknown. Objects
 * the validator enumerates (maps: labels, data, resources) or never looks into are not judged.
 */
function unknownFields(doc: Obj): string[] {
  const Model = MODELS[`${text(doc.apiVersion)}/${text(doc.kind)}`];
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
      get: (target, key) => {
        touch().read.add(key);
        return wrap(Reflect.get(target, key), `${path}/${text(key)}`);
      },
      has: (target, key) => {
        touch().read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys: (target) => {
        touch().enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  Model.prototype.validate.call(wrap(structuredClone(doc), ''));
  return seen
    .filter((s) => !s.enumerated && !Array.isArray(s.target))
    .flatMap((s) =>
      Object.keys(s.target)
        .filter((k) => !s.read.has(k))
        .map((k) => `${s.path}/${k}`),
    );
}

interface ProvidedEnv {
  values: Record<string, string>;
  problems: string[];
}

/** The environment a container gets, resolved against the base's ConfigMaps and the example Secret. */
function containerEnv(container: Obj, configMaps: Record<string, Obj>, secret: Obj): ProvidedEnv {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const secretName = text(obj(secret.metadata, 'secret metadata').name);
  const secretData = obj(secret.stringData ?? {}, 'secret stringData');
  for (const from of arr(container.envFrom).map((e) => obj(e, 'envFrom'))) {
    if (isObj(from.configMapRef)) {
      const map = configMaps[text(from.configMapRef.name)];
      if (!map) problems.push(`envFrom: no ConfigMap ${text(from.configMapRef.name)} in the base`);
      else for (const [k, v] of Object.entries(obj(map.data ?? {}, 'data'))) values[k] = text(v);
    }
    if (isObj(from.secretRef)) {
      if (from.secretRef.name !== secretName)
        problems.push(`envFrom: unknown Secret ${text(from.secretRef.name)}`);
      else for (const [k, v] of Object.entries(secretData)) values[k] = text(v);
    }
  }
  for (const entry of arr(container.env).map((e) => obj(e, 'env'))) {
    const name = text(entry.name);
    const ref = isObj(entry.valueFrom) ? entry.valueFrom : undefined;
    if (ref && isObj(ref.configMapKeyRef)) {
      const map = configMaps[text(ref.configMapKeyRef.name)];
      const value = map && isObj(map.data) ? map.data[text(ref.configMapKeyRef.key)] : undefined;
      if (value === undefined)
        problems.push(`${name}: configMapKeyRef to a missing ConfigMap or key`);
      else values[name] = text(value);
    } else if (ref && isObj(ref.secretKeyRef)) {
      const value = secretData[text(ref.secretKeyRef.key)];
      if (ref.secretKeyRef.name !== secretName)
        problems.push(`${name}: secretKeyRef to unknown Secret`);
      else if (value === undefined)
        problems.push(`${name}: key ${text(ref.secretKeyRef.key)} not in ${SECRET_EXAMPLE}`);
      else values[name] = text(value);
    } else if (entry.value !== undefined) {
      values[name] = text(entry.value);
    } else {
      problems.push(`${name}: neither value nor a ConfigMap/Secret reference`);
    }
  }
  return { values, problems };
}

/** The one container of a workload's pod template, and the pod spec. */
function podOf(doc: Obj): { pod: Obj; container: Obj } {
  const pod = obj(obj(obj(doc.spec, 'spec').template, 'template').spec, 'pod spec');
  const containers = arr(pod.containers);
  expect(containers).toHaveLength(1);
  return { pod, container: obj(containers[0], 'container') };
}

function expectHardened(pod: Obj, container: Obj, where: string): void {
  const podSc = isObj(pod.securityContext) ? pod.securityContext : {};
  const sc = isObj(container.securityContext) ? container.securityContext : {};
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  expect({
    where,
    runAsNonRoot: sc.runAsNonRoot ?? podSc.runAsNonRoot,
    nonZeroUser: typeof runAsUser === 'number' && runAsUser > 0,
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
    allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
  }).toEqual({
    where,
    runAsNonRoot: true,
    nonZeroUser: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
  });
  // A read-only root needs somewhere writable for temporary files.
  const mounts = arr(container.volumeMounts).map((m) => obj(m, 'volumeMount'));
  expect(mounts.some((m) => m.mountPath === '/tmp')).toBe(true);
  const resources = obj(container.resources, `${where} resources`);
  for (const kind of ['requests', 'limits']) {
    const r = obj(resources[kind], `${where} resources.${kind}`);
    expect({ where, kind, cpu: r.cpu !== undefined, memory: r.memory !== undefined }).toEqual({
      where,
      kind,
      cpu: true,
      memory: true,
    });
  }
}

describe('k8s/base', () => {
  const resources = loadResources();
  const kustomization = obj(loadYamlFile('kustomization.yaml')[0], 'kustomization');
  const listed = arr(kustomization.resources).map(String);
  const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
  const configMaps = Object.fromEntries(
    byKind('ConfigMap')
      .filter((r) => r.file !== SECRET_EXAMPLE)
      .map((r) => [r.name, r.doc]),
  );
  const secretExample = resources.find((r) => r.file === SECRET_EXAMPLE && r.kind === 'Secret');
  const secret = secretExample?.doc ?? {};
  const deployed = resources.filter((r) => r.file !== SECRET_EXAMPLE);

  it('lists every manifest in kustomization.yaml, except the Secret example', () => {
    expect(kustomization.kind).toBe('Kustomization');
    const present = k8sFiles().filter((f) => f !== 'kustomization.yaml' && f !== SECRET_EXAMPLE);
    expect([...listed].sort()).toEqual(present);
    expect(listed).not.toContain(SECRET_EXAMPLE);
    for (const file of listed) expect(existsSync(join(K8S_BASE, file))).toBe(true);
    const namespaces = byKind('Namespace').map((r) => r.name);
    expect(namespaces).toEqual([kustomization.namespace]);
    const images = arr(kustomization.images).map((i) => obj(i, 'image'));
    expect(images.map((i) => i.name)).toContain(IMAGE.split(':')[0]);
  });

  it('has only resources the Kubernetes schemas accept, with no unknown fields', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) {
      expect(() => validateModel(r.doc)).not.toThrow();
      expect({ resource: `${r.file} ${r.kind}/${r.name}`, unknown: unknownFields(r.doc) }).toEqual({
        resource: `${r.file} ${r.kind}/${r.name}`,
        unknown: [],
      });
    }
  });

  it('labels everything with its name and app.kubernetes.io/part-of', () => {
    for (const r of resources) {
      const labels = obj(obj(r.doc.metadata, 'metadata').labels ?? {}, 'labels');
      expect({
        resource: `${r.kind}/${r.name}`,
        partOf: labels['app.kubernetes.io/part-of'],
      }).toEqual({
        resource: `${r.kind}/${r.name}`,
        partOf: PART_OF,
      });
      expect(labels['app.kubernetes.io/name']).toBeTruthy();
      if (r.kind === 'Deployment' || r.kind === 'Job') {
        const podLabels = obj(
          obj(obj(r.doc.spec, 'spec').template, 'template').metadata,
          'pod metadata',
        ).labels;
        expect(podLabels).toMatchObject({
          'app.kubernetes.io/name': labels['app.kubernetes.io/name'],
          'app.kubernetes.io/part-of': PART_OF,
        });
      }
    }
  });

  it('has a Deployment and a Service for every app and nothing else', () => {
    expect(
      byKind('Deployment')
        .map((r) => r.name)
        .sort(),
    ).toEqual(appNames());
    expect(
      byKind('Service')
        .map((r) => r.name)
        .sort(),
    ).toEqual(appNames());
  });

  it.each(appNames())(
    '%s: Deployment runs the shared image with a complete, valid environment',
    (app) => {
      const deployment = deployed.find((r) => r.kind === 'Deployment' && r.name === app);
      expect(deployment).toBeDefined();
      const doc = deployment?.doc ?? {};
      const spec = obj(doc.spec, 'spec');
      const { pod, container } = podOf(doc);
      expect(obj(obj(spec.template, 'template').metadata, 'metadata').labels).toMatchObject(
        obj(spec.selector, 'selector').matchLabels as Obj,
      );
      expect(container.image).toBe(IMAGE);

      const env = containerEnv(container, configMaps, secret);
      expect(env.problems).toEqual([]);
      expect(env.values.SERVICE).toBe(app);
      const missing = requiredVariables(schemaOf(app)).filter((v) => env.values[v] === undefined);
      expect(missing).toEqual([]);
      expect(configProblems(app, env.values)).toEqual([]);
      expect(env.values.HOST).toBe('0.0.0.0');

      const port = defaultPort(app);
      expect(Number(env.values.PORT ?? port)).toBe(port);
      const ports = arr(container.ports).map((p) => obj(p, 'port'));
      expect(ports.map((p) => p.containerPort)).toEqual([port]);
      const portRefs = [port, ...ports.map((p) => p.name).filter((n) => n !== undefined)];

      const probes: Record<string, string> = {
        startupProbe: '/health/',
        readinessProbe: '/health/ready',
        livenessProbe: '/health/live',
      };
      for (const [probe, path] of Object.entries(probes)) {
        const httpGet = obj(
          obj(container[probe], `${app} ${probe}`).httpGet,
          `${app} ${probe}.httpGet`,
        );
        expect(text(httpGet.path)).toContain(path);
        expect({ probe, pointsAtContainerPort: portRefs.includes(httpGet.port) }).toEqual({
          probe,
          pointsAtContainerPort: true,
        });
      }
      expectHardened(pod, container, app);
    },
  );

  it.each(appNames())('%s: Service selects its Deployment and serves its port', (app) => {
    const service = obj(
      deployed.find((r) => r.kind === 'Service' && r.name === app)?.doc.spec,
      'spec',
    );
    const deployment = deployed.find((r) => r.kind === 'Deployment' && r.name === app)?.doc ?? {};
    const podLabels = obj(
      obj(obj(deployment.spec, 'spec').template, 'template').metadata,
      'meta',
    ).labels;
    expect(podLabels).toMatchObject(obj(service.selector, 'selector'));
    const { container } = podOf(deployment);
    const names = arr(container.ports).map((p) => obj(p, 'port').name);
    const servicePorts = arr(service.ports).map((p) => obj(p, 'service port'));
    expect(servicePorts).toHaveLength(1);
    expect(servicePorts[0].port).toBe(defaultPort(app));
    expect([defaultPort(app), ...names]).toContain(
      servicePorts[0].targetPort ?? servicePorts[0].port,
    );
  });

  it('gives the gateway URLs that reach the other apps through their Services', () => {
    const deployment =
      deployed.find((r) => r.kind === 'Deployment' && r.name === 'gateway')?.doc ?? {};
    const { values } = containerEnv(podOf(deployment).container, configMaps, secret);
    const urls = Object.entries(values).filter(([k]) => k.endsWith('_SERVICE_URL'));
    expect(urls.length).toBeGreaterThan(0);
    for (const [key, value] of urls) {
      const u = new URL(value);
      expect({ key, host: u.hostname, port: Number(u.port) }).toEqual({
        key,
        host: u.hostname,
        port: defaultPort(u.hostname),
      });
      expect(byKind('Service').map((r) => r.name)).toContain(u.hostname);
    }
  });

  it('runs the migrations in a Job with every database URL', () => {
    const jobs = byKind('Job');
    expect(jobs).toHaveLength(1);
    const { pod, container } = podOf(jobs[0].doc);
    expect(container.image).toBe(IMAGE);
    expect([...arr(container.command), ...arr(container.args)].map(String).join(' ')).toBe(
      'bash scripts/db/migrate.sh',
    );
    expect(['Never', 'OnFailure']).toContain(pod.restartPolicy);
    const env = containerEnv(container, configMaps, secret);
    expect(env.problems).toEqual([]);
    for (const variable of Object.values(dbVariables())) {
      expect({ variable, set: env.values[variable] !== undefined }).toEqual({
        variable,
        set: true,
      });
    }
    expectHardened(pod, container, 'migrate job');
  });

  it('keeps secrets out of the base: an example Secret, unlisted, with every key the manifests use', () => {
    expect(secretExample).toBeDefined();
    expect(secretExample?.name).toBe(SECRET_NAME);
    expect(deployed.filter((r) => r.kind === 'Secret')).toEqual([]);
    const used = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObj(v)) {
        if (isObj(v.secretKeyRef)) used.add(text(v.secretKeyRef.key));
        Object.values(v).forEach(walk);
      }
    };
    deployed.forEach((r) => walk(r.doc));
    const keys = Object.keys(obj(secret.stringData ?? {}, 'stringData')).sort();
    expect(keys).toEqual([...used].sort());
    // Nothing secret-looking sits in a ConfigMap.
    for (const map of Object.values(configMaps)) {
      for (const key of Object.keys(obj(map.data ?? {}, 'data')))
        expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL/);
    }
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const withKubectl = kubectl.error === undefined && kubectl.status === 0 ? it : it.skip;
  withKubectl(
    'builds with kustomize (kubectl kustomize), every object valid and namespaced',
    () => {
      const out = spawnSync('kubectl', ['kustomize', K8S_BASE], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const built = parseAllDocuments(out.stdout);
      const docs = (Array.isArray(built) ? built : []).map((d) => obj(d.toJS(), 'built'));
      expect(docs).toHaveLength(deployed.length);
      for (const doc of docs) {
        expect(() => validateModel(doc)).not.toThrow();
        const meta = obj(doc.metadata, 'metadata');
        if (doc.kind !== 'Namespace') expect(meta.namespace).toBe(kustomization.namespace);
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// The checks above must be able to fail.

describe('the checks themselves', () => {
  const valid = (): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          containers: [
            {
              name: 'x',
              image: 'x',
              ports: [{ containerPort: 3000 }],
              resources: { limits: { memory: '64Mi' } },
              securityContext: { readOnlyRootFilesystem: true },
            },
          ],
        },
      },
    },
  });
  const container = (doc: Obj): Obj => podOf(doc).container;

  it('kubernetes-models rejects wrong types and missing required fields', () => {
    expect(() => validateModel(valid())).not.toThrow();
    const wrongType = valid();
    obj(arr(container(wrongType).ports)[0], 'port').containerPort = 'http';
    expect(() => validateModel(wrongType)).toThrow(/containerPort must be integer/);
    const noImageName = valid();
    delete container(noImageName).name;
    expect(() => validateModel(noImageName)).toThrow(
      /must have required property 'name'|required property name/,
    );
    const badQuantity = valid();
    container(badQuantity).resources = { limits: { memory: 'lots' } };
    expect(() => validateModel(badQuantity)).toThrow(/quantity/);
    expect(() => validateModel({ apiVersion: 'v1', kind: 'Pod' })).toThrow(/no model/);
  });

  it('finds misspelt fields the schema validation lets through', () => {
    expect(unknownFields(valid())).toEqual([]);
    const typo = valid();
    container(typo).readinesProbe = { httpGet: { path: '/health/ready', port: 3000 } };
    obj(container(typo).securityContext, 'sc').readOnlyRootFileSystem = true;
    expect(() => validateModel(typo)).not.toThrow(); // the reason for the extra check
    expect(unknownFields(typo).sort()).toEqual([
      '/spec/template/spec/containers/0/readinesProbe',
      '/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem',
    ]);
  });

  it('notices a required variable that no source provides', () => {
    const deployment = loadResources().find(
      (r) => r.kind === 'Deployment' && r.name === 'queue-service',
    );
    const c = container(structuredClone(deployment?.doc ?? {}));
    c.env = arr(c.env).filter((e) => obj(e, 'env').name !== 'PATIENT_REF_SECRET');
    const { values } = containerEnv(
      c,
      { 'antrean-rujukan-config': { data: {} } },
      { metadata: { name: SECRET_NAME } },
    );
    expect(requiredVariables(queueConfigSchema).filter((v) => values[v] === undefined)).toContain(
      'PATIENT_REF_SECRET',
    );
  });

  it('rejects a compose variable without a default', () => {
    expect(interpolate('a${X:-b}c$$')).toBe('abc$');
    expect(() => interpolate('${PATIENT_REF_SECRET}')).toThrow(/no default/);
  });
});
