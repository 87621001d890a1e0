import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { registerServiceToken } from './http';

/** The repository root (this file lives in libs/testing/src). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** Built code the stack runs; a separate folder lets parallel work trees' builds not collide. */
export const DIST_DIR = resolve(REPO_ROOT, process.env.ANTREAN_DIST ?? 'dist');

export const SERVICES = [
  'queue-service',
  'referral-service',
  'notification-service',
  'gateway',
] as const;
/** The BPJS Antrol reporting pair: started by `npm start`, and by the tests that ask for them. */
export const BPJS_SERVICES = ['bpjs-simulator', 'bpjs-bridge'] as const;
export const ALL_SERVICES = [...SERVICES, ...BPJS_SERVICES] as const;
export type ServiceName = (typeof SERVICES)[number];
export type BpjsServiceName = (typeof BPJS_SERVICES)[number];
export type StackServiceName = ServiceName | BpjsServiceName;

/** Credentials the simulator knows and the bridge is given in demos and tests (never real ones). */
export const SIMULATED_BPJS = {
  consId: 'sim-cons-01',
  secret: 'sim-secret-0123456789',
  userKey: 'sim-user-key',
} as const;

export interface StackSettings {
  kafkaBrokers: string;
  redisUrl: string;
  databaseUrls: {
    queue: string;
    referral: string;
    notification: string;
    gateway: string;
    bpjsBridge?: string;
  };
  /** The BPJS pair's ports are needed only when they are started. */
  ports: Record<ServiceName, number> & Partial<Record<BpjsServiceName, number>>;
  patientRefSecret: string;
  /** IDENTITY_ENCRYPTION_KEYS of queue-, referral- and notification-service (each its own ring in production); a fixed test-and-demo-only key when absent. */
  identityEncryptionKeys?: string;
  /** CONTACT_ENCRYPTION_KEYS of queue-, referral- and notification-service; a fixed test key when absent. */
  contactEncryptionKeys?: string;
  /** INTERNAL_API_TOKEN (the service token) of every internal service and the gateway; a fixed test value when absent. */
  internalApiToken?: string;
  /** The gateway's AUTH_JWT_SECRET; a fixed test-and-demo-only value when absent. */
  authJwtSecret?: string;
  /** The system_admin the gateway creates at start; TEST_BOOTSTRAP_ADMIN when absent. */
  bootstrapAdmin?: { username: string; password: string };
  logLevel?: string;
  nodeEnv?: 'development' | 'production' | 'test';
  /** Extra variables per service (e.g. test-only switches). */
  extraEnv?: Partial<Record<StackServiceName, Record<string, string>>>;
}

export const DEFAULT_PORTS: Record<StackServiceName, number> = {
  gateway: 3000,
  'queue-service': 3001,
  'referral-service': 3002,
  'notification-service': 3003,
  'bpjs-bridge': 3005,
  'bpjs-simulator': 3090,
};

export function serviceUrl(settings: StackSettings, name: StackServiceName): string {
  const port = settings.ports[name];
  if (port === undefined) throw new Error(`no port set for ${name}`);
  return `http://127.0.0.1:${port}`;
}

/** For tests and the demo only (never real patients): a well-known identity key and token. */
export const DEMO_IDENTITY_ENCRYPTION_KEYS = `demo1:${Buffer.alloc(32, 7).toString('base64')}`;
export const DEMO_INTERNAL_API_TOKEN = 'demo-only-internal-api-token-0123456789';
/** For tests and the demo only: the key ring sealing contacts in events (producers + notifications). */
export const DEMO_CONTACT_ENCRYPTION_KEYS = `democ1:${Buffer.alloc(32, 9).toString('base64')}`;
export const DEMO_AUTH_JWT_SECRET = 'demo-only-auth-jwt-secret-0123456789abcdef';
/** The gateway's bootstrap system_admin in tests and the demo (never in a real installation). */
export const TEST_BOOTSTRAP_ADMIN = {
  username: 'admin',
  password: 'demo-only-admin-password',
} as const;

/** The environment one service runs with: exactly what its config schema reads. */
export function serviceEnv(name: StackServiceName, s: StackSettings): Record<string, string> {
  return { ...baseServiceEnv(name, s), ...(s.extraEnv?.[name] ?? {}) };
}

function baseServiceEnv(name: StackServiceName, s: StackSettings): Record<string, string> {
  const common = {
    NODE_ENV: s.nodeEnv ?? 'development',
    LOG_LEVEL: s.logLevel ?? 'info',
    KAFKA_BROKERS: s.kafkaBrokers,
    REDIS_URL: s.redisUrl,
    HOST: '127.0.0.1',
    PORT: String(s.ports[name] ?? ''),
  };
  switch (name) {
    case 'queue-service':
      return {
        ...common,
        QUEUE_DATABASE_URL: s.databaseUrls.queue,
        PATIENT_REF_SECRET: s.patientRefSecret,
        IDENTITY_ENCRYPTION_KEYS: s.identityEncryptionKeys ?? DEMO_IDENTITY_ENCRYPTION_KEYS,
        CONTACT_ENCRYPTION_KEYS: s.contactEncryptionKeys ?? DEMO_CONTACT_ENCRYPTION_KEYS,
        INTERNAL_API_TOKEN: s.internalApiToken ?? DEMO_INTERNAL_API_TOKEN,
        REFERRAL_SERVICE_URL: serviceUrl(s, 'referral-service'),
      };
    case 'referral-service':
      // The same secret as queue-service: both turn a NIK into the same patient reference.
      return {
        ...common,
        REFERRAL_DATABASE_URL: s.databaseUrls.referral,
        PATIENT_REF_SECRET: s.patientRefSecret,
        INTERNAL_API_TOKEN: s.internalApiToken ?? DEMO_INTERNAL_API_TOKEN,
        // Its own at-rest key ring; the demo uses the same value as queue-service's.
        IDENTITY_ENCRYPTION_KEYS: s.identityEncryptionKeys ?? DEMO_IDENTITY_ENCRYPTION_KEYS,
        CONTACT_ENCRYPTION_KEYS: s.contactEncryptionKeys ?? DEMO_CONTACT_ENCRYPTION_KEYS,
      };
    case 'notification-service':
      return {
        ...common,
        NOTIFICATION_DATABASE_URL: s.databaseUrls.notification,
        CONTACT_ENCRYPTION_KEYS: s.contactEncryptionKeys ?? DEMO_CONTACT_ENCRYPTION_KEYS,
        // Its own at-rest key ring of stored contacts; the demo uses the same value as the others.
        IDENTITY_ENCRYPTION_KEYS: s.identityEncryptionKeys ?? DEMO_IDENTITY_ENCRYPTION_KEYS,
        PUBLIC_BASE_URL: serviceUrl(s, 'gateway'),
        INTERNAL_API_TOKEN: s.internalApiToken ?? DEMO_INTERNAL_API_TOKEN,
      };
    case 'gateway':
      return {
        ...common,
        QUEUE_SERVICE_URL: serviceUrl(s, 'queue-service'),
        REFERRAL_SERVICE_URL: serviceUrl(s, 'referral-service'),
        NOTIFICATION_SERVICE_URL: serviceUrl(s, 'notification-service'),
        GATEWAY_DATABASE_URL: s.databaseUrls.gateway,
        AUTH_JWT_SECRET: s.authJwtSecret ?? DEMO_AUTH_JWT_SECRET,
        BOOTSTRAP_ADMIN_USERNAME: (s.bootstrapAdmin ?? TEST_BOOTSTRAP_ADMIN).username,
        BOOTSTRAP_ADMIN_PASSWORD: (s.bootstrapAdmin ?? TEST_BOOTSTRAP_ADMIN).password,
        INTERNAL_API_TOKEN: s.internalApiToken ?? DEMO_INTERNAL_API_TOKEN,
      };
    case 'bpjs-simulator': {
      const { consId, secret, userKey } = SIMULATED_BPJS;
      return {
        NODE_ENV: common.NODE_ENV,
        LOG_LEVEL: common.LOG_LEVEL,
        HOST: common.HOST,
        PORT: common.PORT,
        BPJS_SIM_CREDENTIALS: `${consId}:${secret}:${userKey}`,
      };
    }
    case 'bpjs-bridge': {
      if (!s.databaseUrls.bpjsBridge) throw new Error('bpjs-bridge needs databaseUrls.bpjsBridge');
      // No Redis: the bridge's state is its database.
      const { NODE_ENV, LOG_LEVEL, KAFKA_BROKERS, HOST, PORT } = common;
      return {
        NODE_ENV,
        LOG_LEVEL,
        KAFKA_BROKERS,
        HOST,
        PORT,
        BPJS_BRIDGE_DATABASE_URL: s.databaseUrls.bpjsBridge,
        // antrean/add needs the patient's identifiers, which only queue-service holds.
        QUEUE_SERVICE_URL: serviceUrl(s, 'queue-service'),
        INTERNAL_API_TOKEN: s.internalApiToken ?? DEMO_INTERNAL_API_TOKEN,
      };
    }
  }
}

/** Where the bridge reaches the simulator's Antrol (register it as a facility's baseUrl). */
export function simulatedAntrolUrl(s: StackSettings): string {
  return `${serviceUrl(s, 'bpjs-simulator')}/antreanrs`;
}

/** Variables for the database scripts (scripts/db/*.sh). */
export function databaseEnv(s: StackSettings): Record<string, string> {
  return {
    QUEUE_DATABASE_URL: s.databaseUrls.queue,
    REFERRAL_DATABASE_URL: s.databaseUrls.referral,
    NOTIFICATION_DATABASE_URL: s.databaseUrls.notification,
    GATEWAY_DATABASE_URL: s.databaseUrls.gateway,
    ...(s.databaseUrls.bpjsBridge && { BPJS_BRIDGE_DATABASE_URL: s.databaseUrls.bpjsBridge }),
  };
}

/**
 * One service as a real OS process running the built code (dist/), so tests can kill -9 it and
 * start it again exactly as production would experience it.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<number | null>;

  constructor(
    readonly name: StackServiceName,
    private readonly settings: StackSettings,
    private readonly logFile: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get url(): string {
    return serviceUrl(this.settings, this.name);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    mkdirSync(dirname(this.logFile), { recursive: true });
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    const env = { ...serviceEnv(this.name, this.settings), ...this.extraEnv };
    // The test helpers send an internal service its current token (the gateway is not one).
    if (this.name !== 'gateway' && env.INTERNAL_API_TOKEN)
      registerServiceToken(this.url, env.INTERNAL_API_TOKEN);
    const child = spawn(process.execPath, [join(DIST_DIR, 'apps', this.name, 'src/main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((res) => child.once('exit', (code) => res(code)));
    this.child = child;
    return this;
  }

  /** Resolves when /health/ready answers 200; rejects if the process dies or time runs out. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let died = false;
    void this.exited?.then(() => (died = true));
    while (Date.now() < deadline) {
      if (died) throw new Error(`${this.name} exited during start; see ${this.logFile}`);
      try {
        const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.name} not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** SIGKILL: a crash, with no chance to finish anything. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait: a graceful shutdown. */
  async stop(timeoutMs = 20_000): Promise<number | null | undefined> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.log?.end();
    return code;
  }
}

/** Starts the four core services, or the ones named (e.g. ALL_SERVICES with the BPJS pair). */
export async function startStack<N extends StackServiceName = ServiceName>(
  settings: StackSettings,
  logDir: string,
  names: readonly N[] = SERVICES as readonly StackServiceName[] as readonly N[],
): Promise<Record<N, ServiceProcess>> {
  const procs = Object.fromEntries(
    names.map((n) => [n, new ServiceProcess(n, settings, join(logDir, `${n}.log`)).start()]),
  ) as Record<N, ServiceProcess>;
  await Promise.all(names.map((n) => procs[n].waitReady()));
  return procs;
}

/** One instance of a scaled-out stack: its own ports, the same Kafka, Redis and Postgres. */
export interface StackInstance<N extends StackServiceName> {
  index: number;
  settings: StackSettings;
  procs: Record<N, ServiceProcess>;
}

/**
 * Starts one copy of the named services per entry of `portsPerInstance`, all against the same
 * infrastructure: instance i listens on its own ports, its gateway calls its own queue-service, and
 * each process logs to `<name>-<i>.log`. Scale-out tests use it to run two of everything.
 */
export async function startInstances<N extends StackServiceName>(
  base: StackSettings,
  logDir: string,
  names: readonly N[],
  portsPerInstance: ReadonlyArray<StackSettings['ports']>,
): Promise<Array<StackInstance<N>>> {
  const instances = portsPerInstance.map((ports, index) => {
    const settings: StackSettings = { ...base, ports };
    const procs = Object.fromEntries(
      names.map((n) => [
        n,
        new ServiceProcess(n, settings, join(logDir, `${n}-${index}.log`)).start(),
      ]),
    ) as Record<N, ServiceProcess>;
    return { index, settings, procs };
  });
  const all = instances.flatMap((i) => names.map((n) => i.procs[n]));
  try {
    await Promise.all(all.map((p) => p.waitReady(120_000)));
  } catch (e) {
    // Leave nothing running behind a failed start.
    await Promise.all(all.map((p) => p.stop()));
    throw e;
  }
  return instances;
}
