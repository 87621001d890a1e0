import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type StackSettings } from './local-stack';
import { TEST_GATEWAY_LIMITS } from './test-env';

/**
 * Kafka, Redis and Postgres of the fault suite's own, on private ports: the suite kills and
 * restarts them, so it never touches the machine's shared servers.
 */
export const FAULTS_INFRA = {
  kafkaPort: Number(process.env.FAULTS_KAFKA_PORT ?? 39292),
  redisPort: Number(process.env.FAULTS_REDIS_PORT ?? 56390),
  postgresPort: Number(process.env.FAULTS_POSTGRES_PORT ?? 55433),
  dbPrefix: process.env.FAULTS_DB_PREFIX ?? 'antrean_faults',
};

const execFileAsync = promisify(execFile);
/** Async, so a test's load keeps running while a server restarts. */
const run = async (cmd: string, args: string[], env: Record<string, string> = {}) =>
  (await execFileAsync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } })).stdout;

/** The single-node broker of scripts/infra/kafka.sh, with its own port and state folder. */
export class PrivateKafka {
  readonly stateDir: string;
  constructor(readonly port = FAULTS_INFRA.kafkaPort) {
    this.stateDir = join(REPO_ROOT, `.infra/kafka-faults-${port}`);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private async sh(cmd: 'up' | 'down'): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), cmd], {
      KAFKA_PORT: String(this.port),
      KAFKA_STATE_DIR: this.stateDir,
      KAFKA_BROKERS: '',
      // A loaded machine: the JVM alone can take a minute to come up.
      KAFKA_START_TIMEOUT: '180',
    });
  }

  /**
   * `up`, tried again a few times: the private ports lie in Linux's ephemeral range, so a client
   * connection elsewhere on the machine can briefly hold one ("Address already in use").
   */
  private async up(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sh('up');
        return;
      } catch (e) {
        if (attempt >= 4) throw e;
        await this.sh('down').catch(() => undefined);
        await new Promise((r) => setTimeout(r, 3_000 * attempt));
      }
    }
  }

  /** A fresh broker: no topics, no offsets from an earlier run. */
  async startFresh(): Promise<void> {
    await this.sh('down');
    rmSync(this.stateDir, { recursive: true, force: true });
    await this.up();
  }

  /** Controlled shutdown and start again; its data (topics, offsets) stays. */
  async restart(): Promise<void> {
    await this.sh('down');
    await this.up();
  }

  async stop(): Promise<void> {
    await this.sh('down');
  }
}

/** A Redis without persistence: a restart comes back empty, as a crashed cache would. */
export class PrivateRedis {
  readonly dir: string;
  constructor(readonly port = FAULTS_INFRA.redisPort) {
    this.dir = `/tmp/antrean-faults-redis-${port}`;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  private async cli(...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...args])).trim();
  }

  private async answers(): Promise<boolean> {
    try {
      return (await this.cli('ping')) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Started, tried again a few times (see PrivateKafka.up: the port may be briefly taken). */
  async start(): Promise<void> {
    if (await this.answers())
      throw new Error(`something already answers on Redis port ${this.port}`);
    await retried(() => this.startOnce());
  }

  private async startOnce(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await run('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--dir',
      this.dir,
      '--pidfile',
      join(this.dir, 'redis.pid'),
      '--logfile',
      join(this.dir, 'redis.log'),
    ]);
    await waitFor(() => this.answers(), `Redis on port ${this.port}`);
  }

  /** SHUTDOWN NOSAVE: gone at once, and everything it held with it. */
  async stop(): Promise<void> {
    if (!(await this.answers())) return;
    try {
      await this.cli('shutdown', 'nosave');
    } catch {
      /* the connection drops as it exits */
    }
    await waitFor(async () => !(await this.answers()), `Redis on port ${this.port} to stop`);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/**
 * A Postgres cluster of its own (initdb + pg_ctl as the postgres OS user: initdb refuses root),
 * trusting local connections, in a folder that user can write.
 */
export class PrivatePostgres {
  readonly dataDir: string;
  private readonly bin: string;
  constructor(readonly port = FAULTS_INFRA.postgresPort) {
    this.dataDir = `/tmp/antrean-faults-pg-${port}`;
    const versions = readdirSync('/usr/lib/postgresql').sort();
    this.bin = join('/usr/lib/postgresql', versions[versions.length - 1] ?? '15', 'bin');
  }

  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private async pgCtl(...args: string[]): Promise<void> {
    const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    const [cmd, ...rest] = [...asPostgres, join(this.bin, 'pg_ctl'), ...args];
    await run(cmd, rest);
  }

  /** A new empty cluster (an earlier run's is removed). */
  async initFresh(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    const [cmd, ...rest] = [
      ...asPostgres,
      join(this.bin, 'initdb'),
      '-D',
      this.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ];
    await run(cmd, rest);
    await this.start();
  }

  /** Started, tried again a few times (see PrivateKafka.up: the port may be briefly taken). */
  async start(): Promise<void> {
    await retried(() => this.startOnce());
  }

  private async startOnce(): Promise<void> {
    await this.pgCtl(
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    );
  }

  /** Immediate stop: like a crash, every connection cut, recovery on the next start. */
  async crash(): Promise<void> {
    await this.pgCtl('stop', '-w', '-m', 'immediate', '-D', this.dataDir);
  }

  async stop(): Promise<void> {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    await this.pgCtl('stop', '-w', '-m', 'fast', '-D', this.dataDir);
  }
}

async function retried(start: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      return;
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 3_000 * attempt));
    }
  }
}

async function waitFor(
  ok: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Database names of the fault suite ("test" in them: the test guard refuses others). */
export function faultsDatabases(): Record<
  'queue' | 'referral' | 'notification' | 'bpjsBridge' | 'gateway',
  string
> {
  const p = `${FAULTS_INFRA.dbPrefix}_test`;
  return {
    queue: `${p}_queue`,
    referral: `${p}_referral`,
    notification: `${p}_notification`,
    bpjsBridge: `${p}_bpjs_bridge`,
    gateway: `${p}_gateway`,
  };
}

/** Settings for services on the given ports against the fault suite's private infrastructure. */
export function faultsStack(ports: StackSettings['ports']): StackSettings {
  const pg = new PrivatePostgres();
  const dbs = faultsDatabases();
  return {
    kafkaBrokers: new PrivateKafka().brokers,
    redisUrl: new PrivateRedis().url,
    databaseUrls: {
      queue: pg.url(dbs.queue),
      referral: pg.url(dbs.referral),
      notification: pg.url(dbs.notification),
      bpjsBridge: pg.url(dbs.bpjsBridge),
      gateway: pg.url(dbs.gateway),
    },
    ports,
    patientRefSecret: 'faults-patient-ref-secret-0123456789',
    logLevel: 'warn',
    nodeEnv: 'test',
    extraEnv: {
      gateway: TEST_GATEWAY_LIMITS,
      'queue-service': {
        CHECKIN_LATE_MINUTES: '1440',
        ENABLE_JOB_ENDPOINTS: 'true',
        EXPIRY_SWEEP_SECONDS: '0',
      },
    },
  };
}
