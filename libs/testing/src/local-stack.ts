import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
export type ServiceName = (typeof SERVICES)[number];

export interface StackSettings {
  kafkaBrokers: string;
  redisUrl: string;
  databaseUrls: { queue: string; referral: string; notification: string };
  ports: Record<ServiceName, number>;
  patientRefSecret: string;
  logLevel?: string;
  nodeEnv?: 'development' | 'production' | 'test';
  /** Extra variables per service (e.g. test-only switches). */
  extraEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 3000,
  'queue-service': 3001,
  'referral-service': 3002,
  'notification-service': 3003,
};

export function serviceUrl(settings: StackSettings, name: ServiceName): string {
  return `http://127.0.0.1:${settings.ports[name]}`;
}

/** The environment one service runs with: exactly what its config schema reads. */
export function serviceEnv(name: ServiceName, s: StackSettings): Record<string, string> {
  return { ...baseServiceEnv(name, s), ...(s.extraEnv?.[name] ?? {}) };
}

function baseServiceEnv(name: ServiceName, s: StackSettings): Record<string, string> {
  const common = {
    NODE_ENV: s.nodeEnv ?? 'development',
    LOG_LEVEL: s.logLevel ?? 'info',
    KAFKA_BROKERS: s.kafkaBrokers,
    REDIS_URL: s.redisUrl,
    HOST: '127.0.0.1',
    PORT: String(s.ports[name]),
  };
  switch (name) {
    case 'queue-service':
      return {
        ...common,
        QUEUE_DATABASE_URL: s.databaseUrls.queue,
        PATIENT_REF_SECRET: s.patientRefSecret,
      };
    case 'referral-service':
      // The same secret as queue-service: both turn a NIK into the same patient reference.
      return {
        ...common,
        REFERRAL_DATABASE_URL: s.databaseUrls.referral,
        PATIENT_REF_SECRET: s.patientRefSecret,
      };
    case 'notification-service':
      return {
        ...common,
        NOTIFICATION_DATABASE_URL: s.databaseUrls.notification,
        PUBLIC_BASE_URL: serviceUrl(s, 'gateway'),
      };
    case 'gateway':
      return {
        ...common,
        QUEUE_SERVICE_URL: serviceUrl(s, 'queue-service'),
        REFERRAL_SERVICE_URL: serviceUrl(s, 'referral-service'),
        NOTIFICATION_SERVICE_URL: serviceUrl(s, 'notification-service'),
      };
  }
}

/** Variables for the database scripts (scripts/db/*.sh). */
export function databaseEnv(s: StackSettings): Record<string, string> {
  return {
    QUEUE_DATABASE_URL: s.databaseUrls.queue,
    REFERRAL_DATABASE_URL: s.databaseUrls.referral,
    NOTIFICATION_DATABASE_URL: s.databaseUrls.notification,
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
    readonly name: ServiceName,
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
    const child = spawn(process.execPath, [join(DIST_DIR, 'apps', this.name, 'src/main.js')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        ...serviceEnv(this.name, this.settings),
        ...this.extraEnv,
      },
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

export async function startStack(
  settings: StackSettings,
  logDir: string,
  names: readonly ServiceName[] = SERVICES,
): Promise<Record<ServiceName, ServiceProcess>> {
  const procs = Object.fromEntries(
    names.map((n) => [n, new ServiceProcess(n, settings, join(logDir, `${n}.log`)).start()]),
  ) as Record<ServiceName, ServiceProcess>;
  await Promise.all(names.map((n) => procs[n].waitReady()));
  return procs;
}
