/**
 * `npm start`: infrastructure up, migrations, Brebes demo data, all four services, URLs printed.
 * Ctrl-C stops every service it started, and the Kafka broker if it started that too.
 */
import { join } from 'node:path';
import {
  ALL_SERVICES,
  databaseEnv,
  DEMO_INTERNAL_API_TOKEN,
  serviceFetch,
  serviceUrl,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  DEFAULT_PORTS,
  REPO_ROOT,
  startStack,
  TEST_BOOTSTRAP_ADMIN,
  type ServiceProcess,
  type StackSettings,
} from '@app/testing';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './lib/demo-accounts';
import { capture, run } from './lib/run';

const env = process.env;
const pg = (db: string) => `postgresql://postgres@127.0.0.1:5432/${db}`;

const settings: StackSettings = {
  kafkaBrokers: env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`,
  redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  databaseUrls: {
    queue: env.QUEUE_DATABASE_URL ?? pg('antrean_queue'),
    referral: env.REFERRAL_DATABASE_URL ?? pg('antrean_referral'),
    notification: env.NOTIFICATION_DATABASE_URL ?? pg('antrean_notification'),
    bpjsBridge: env.BPJS_BRIDGE_DATABASE_URL ?? pg('antrean_bpjs_bridge'),
    gateway: env.GATEWAY_DATABASE_URL ?? pg('antrean_gateway'),
  },
  ports: DEFAULT_PORTS,
  patientRefSecret: env.PATIENT_REF_SECRET ?? 'demo-only-patient-ref-secret',
  // Demo-only defaults from @app/testing unless set (never use those for real patients).
  ...(env.IDENTITY_ENCRYPTION_KEYS && { identityEncryptionKeys: env.IDENTITY_ENCRYPTION_KEYS }),
  ...(env.CONTACT_ENCRYPTION_KEYS && { contactEncryptionKeys: env.CONTACT_ENCRYPTION_KEYS }),
  ...(env.INTERNAL_API_TOKEN && { internalApiToken: env.INTERNAL_API_TOKEN }),
  logLevel: env.LOG_LEVEL ?? 'info',
  nodeEnv: 'production',
  ...(env.AUTH_JWT_SECRET && { authJwtSecret: env.AUTH_JWT_SECRET }),
  ...(env.BOOTSTRAP_ADMIN_USERNAME &&
    env.BOOTSTRAP_ADMIN_PASSWORD && {
      bootstrapAdmin: {
        username: env.BOOTSTRAP_ADMIN_USERNAME,
        password: env.BOOTSTRAP_ADMIN_PASSWORD,
      },
    }),
};

async function main(): Promise<void> {
  const kafkaWasRunning =
    !env.KAFKA_BROKERS && capture('bash', ['scripts/infra/kafka.sh', 'status']) !== null;
  run('bash', ['scripts/infra/up.sh'], {
    ANTREAN_DATABASES:
      'antrean_queue antrean_referral antrean_notification antrean_bpjs_bridge antrean_gateway',
  });
  run('bash', ['scripts/db/generate.sh']);
  run('npm', ['run', '--silent', 'build']);
  run('bash', ['scripts/db/migrate.sh'], databaseEnv(settings));
  const seeded = capture(
    process.execPath,
    ['dist/apps/queue-service/src/cli/seed-demo.js'],
    databaseEnv(settings),
  );
  if (seeded === null) throw new Error('loading the Brebes demo data failed');
  process.stdout.write(seeded);
  const demoDay = /clinic day (\d{4}-\d{2}-\d{2})/.exec(seeded)?.[1];

  const logDir = join(REPO_ROOT, '.infra/logs');
  console.log(`[start] starting services (logs in ${logDir})`);
  const procs = await startStack(settings, logDir, ALL_SERVICES);
  // The demo hospital reports to the BPJS simulator (never to the real BPJS).
  const creds = await serviceFetch(
    `${serviceUrl(settings, 'bpjs-bridge')}/v1/facilities/3329R001/bpjs-credentials`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
    },
  );
  if (!creds.ok) throw new Error(`registering the demo BPJS credentials failed: ${creds.status}`);

  const gw = `http://127.0.0.1:${settings.ports.gateway}`;
  // Staff accounts per role for the pages that need a login (demo-only passwords).
  const admin = settings.bootstrapAdmin ?? TEST_BOOTSTRAP_ADMIN;
  for (const problem of await seedDemoAccounts(gw, admin))
    console.warn(`[start] demo account not created: ${problem}`);
  const accounts = [
    ...DEMO_ACCOUNTS.map((a) => ({ ...a, where: a.facilityCode ?? a.district ?? '' })),
    { ...admin, role: 'system_admin', where: 'semua', page: '/' },
  ]
    .map(
      (a) =>
        `  ${a.username.padEnd(14)} ${a.password.padEnd(26)} ${a.role.padEnd(18)} ${a.where.padEnd(9)} ${gw}${a.page}`,
    )
    .join('\n');
  // The demo hospital's next day (Asia/Jakarta): today's sessions may be over by the time you read this.
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
    Date.now() + 86_400_000,
  );
  // Internal services answer only with the service token (the demo's own unless you set one).
  const serviceToken = env.INTERNAL_API_TOKEN ? '$INTERNAL_API_TOKEN' : DEMO_INTERNAL_API_TOKEN;
  console.log(`
antrean-rujukan is running (demo data: Kabupaten Brebes)
  gateway               ${gw}          public API, /ws live push
  pages                 ${gw}/          start here: every page below, in Bahasa Indonesia
  patient booking       ${gw}/book.html?facility=3329R001
  desk console          ${gw}/desk.html?facility=3329R001&counter=A1
  waiting-room display  ${gw}/display.html?facility=3329R001
  kiosk                 ${gw}/kiosk.html?facility=3329R001
  FKTP referral form    ${gw}/refer.html?facility=33290101
  hospital inbox        ${gw}/inbox.html?hospital=3329R001
  book a ticket         curl -X POST ${gw}/api/v1/facilities/3329R001/tickets \\
                          -H 'content-type: application/json' -H 'Idempotency-Key: demo-0001' \\
                          -d '{"poliCode":"ANA","serviceDate":"${tomorrow}","patient":{"nik":"3329010101900001","phone":"081234567890"}}'
  facilities            ${gw}/api/v1/facilities
  district dashboard    ${gw}/dashboard.html?district=Brebes${demoDay ? `&date=${demoDay}` : ''}
  health                ${Object.values(procs)
    .map((p) => `${p.url}/health`)
    .join('\n                        ')}
  BPJS Antrol (simulated) ${serviceUrl(settings, 'bpjs-simulator')}/sim/v1/received   what BPJS got
  Antrol reporting      curl -H "authorization: Bearer ${serviceToken}" \\
                          ${serviceUrl(settings, 'bpjs-bridge')}/v1/facilities/3329R001/antrol
  metrics               each service at /metrics
  staff sign-in         ${gw}/login.html   (desk, refer, inbox and dashboard send you there)

Demo staff accounts (demo-only passwords; never use them with real patients):
  username       password                   role               where     page
${accounts}
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping services');
    await Promise.all(Object.values(procs).map((p: ServiceProcess) => p.stop()));
    if (!env.KAFKA_BROKERS && !kafkaWasRunning) run('bash', ['scripts/infra/kafka.sh', 'down']);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
});
