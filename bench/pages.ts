/**
 * `npm run bench:pages`: how fast every page of web/ loads in Chromium against the real stack,
 * next to a bare static page served by the same gateway in the same run. Starts its own Kafka,
 * test databases (prefix must say "bench" and "test") and services on ports 6200–6203, measures
 * load (navigation timing loadEventEnd), first contentful paint and transferred bytes, cold and
 * warm cache, BENCH_RUNS times each, and writes bench/results/pages.{json,md}.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { format } from 'prettier';
import {
  DIST_DIR,
  launchBrowser,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  startStack,
  TEST_HOSPITAL,
  testStack,
  type ServiceName,
  type ServiceProcess,
} from '@app/testing';
import globalSetup from '../test/setup/global-setup';
import globalTeardown from '../test/setup/global-teardown';
import {
  markdownReport,
  modeResult,
  type BenchResult,
  type PageResult,
  type Sample,
} from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ports = {
  gateway: 6200,
  'queue-service': 6201,
  'referral-service': 6202,
  'notification-service': 6203,
};
const FACILITY = '9915R001';
const PUSKESMAS = '99150001';
const DISTRICT = 'Kab. Uji Bench';
const BASELINE = 'bench-baseline.html';
const WEB_DIR = join(DIST_DIR, 'web');
const RESULTS = join(REPO_ROOT, 'bench/results');

/** Reads the page's own timing once it has loaded and painted (or 3 s have passed without paint). */
const COLLECT = `new Promise((resolve) => {
  const started = Date.now();
  const collect = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (!nav || nav.loadEventEnd === 0 || (!fcp && Date.now() - started < 3000)) {
      setTimeout(collect, 20);
      return;
    }
    // The page's own files (document, scripts, styles, images); API reads depend on the data.
    const files = performance
      .getEntriesByType('resource')
      .filter((r) => r.initiatorType !== 'fetch' && r.initiatorType !== 'xmlhttprequest');
    resolve({
      loadMs: nav.loadEventEnd,
      fcpMs: fcp ? fcp.startTime : null,
      bytes: nav.transferSize + files.reduce((n, r) => n + r.transferSize, 0),
    });
  };
  collect();
})`;

function assertBenchDatabases(): void {
  const prefix = process.env.TEST_DB_PREFIX ?? '';
  if (!prefix.includes('bench') || !prefix.includes('test')) {
    throw new Error(
      `TEST_DB_PREFIX="${prefix}" must contain "bench" and "test" (npm run bench:pages sets it)`,
    );
  }
}

/** Where each built page is opened, with what it needs to show something real. */
function pageUrls(gateway: string, bookingCode: string, today: string): Record<string, string> {
  const q: Record<string, string> = {
    ticket: `?code=${bookingCode}`,
    book: `?facility=${FACILITY}`,
    checkin: `?facility=${FACILITY}`,
    display: `?facility=${FACILITY}`,
    kiosk: `?facility=${FACILITY}`,
    poster: `?facility=${FACILITY}`,
    desk: `?facility=${FACILITY}&counter=ANA-1`,
    refer: `?facility=${PUSKESMAS}`,
    inbox: `?hospital=${FACILITY}`,
    dashboard: `?district=${encodeURIComponent(DISTRICT)}&date=${today}`,
  };
  const pages = readdirSync(WEB_DIR)
    .filter((f) => f.endsWith('.html') && f !== BASELINE)
    .map((f) => f.replace(/\.html$/, ''))
    .sort();
  return Object.fromEntries(pages.map((p) => [p, `${gateway}/${p}.html${q[p] ?? ''}`]));
}

/** What a tab holds in sessionStorage before the page runs: a login, or a patient's token. */
type TabSession = Record<string, string>;

/**
 * The signed-in state each page is measured in (its own first render, not the login page's: that
 * one is measured as `login`): staff pages as their role's account, the ticket as its patient.
 */
async function tabSessions(
  gateway: string,
  ticket: { bookingCode: string; patientAccess?: unknown },
): Promise<Record<string, TabSession>> {
  const staff = async (who: Parameters<typeof loginAs>[1]): Promise<TabSession> => ({
    'antrean.auth': JSON.stringify(await loginAs(gateway, who)),
  });
  return {
    ticket: { [`antrean.patient.${ticket.bookingCode}`]: JSON.stringify(ticket.patientAccess) },
    desk: await staff({ role: 'desk', facilityCode: FACILITY }),
    refer: await staff({ role: 'fktp_doctor', facilityCode: PUSKESMAS }),
    inbox: await staff({ role: 'hospital_referral', facilityCode: FACILITY }),
    dashboard: await staff({ role: 'district_officer', district: DISTRICT }),
  };
}

async function measureMode(
  browser: Browser,
  url: string,
  mode: 'cold' | 'warm',
  errors: string[],
  tab: TabSession = {},
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const newContext = async () => {
    const context = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript(
      `for (const [k, v] of Object.entries(${JSON.stringify(tab)})) sessionStorage.setItem(k, v);`,
    );
    return context;
  };
  const load = async (context: BrowserContext): Promise<Sample> => {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    const sample = await page.evaluate<Sample>(COLLECT);
    // A page that needs a login and did not take the tab's session would measure the login page.
    if (new URL(page.url()).pathname !== new URL(url).pathname)
      errors.push(`left for ${page.url()}`);
    await page.close();
    return sample;
  };
  if (mode === 'cold') {
    // A fresh context each run: an empty HTTP cache, as on a first visit.
    for (let i = 0; i < RUNS; i++) {
      const context = await newContext();
      samples.push(await load(context));
      await context.close();
    }
  } else {
    // One context primed by a first visit (not counted), then the repeat visits.
    const context = await newContext();
    await load(context);
    for (let i = 0; i < RUNS; i++) samples.push(await load(context));
    await context.close();
  }
  return samples;
}

async function benchPage(
  browser: Browser,
  page: string,
  url: string,
  baseline?: PageResult,
  tab?: TabSession,
): Promise<PageResult> {
  const consoleErrors: string[] = [];
  const cold = await measureMode(browser, url, 'cold', consoleErrors, tab);
  const warm = await measureMode(browser, url, 'warm', consoleErrors, tab);
  const result = {
    page,
    url,
    cold: modeResult(cold, baseline?.cold),
    warm: modeResult(warm, baseline?.warm),
    consoleErrors: [...new Set(consoleErrors)],
  };
  console.log(
    `[bench] ${page.padEnd(18)} cold load ${Math.round(result.cold.loadMs.median ?? 0)} ms, warm ${Math.round(result.warm.loadMs.median ?? 0)} ms`,
  );
  return result;
}

async function main(): Promise<void> {
  assertBenchDatabases();
  const started = Date.now();
  const loadAtStart = Math.round(loadavg()[0] * 100) / 100;
  await globalSetup(); // Kafka of its own, fresh bench_test databases, migrations, empty Redis db
  let stack: Record<ServiceName, ServiceProcess> | undefined;
  let browser: Browser | undefined;
  copyFileSync(join(REPO_ROOT, 'bench/baseline.html'), join(WEB_DIR, BASELINE));
  try {
    stack = await startStack(testStack(ports), join(REPO_ROOT, '.infra/logs/bench-pages'));
    const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
    await queue.putFacility(FACILITY, {
      ...TEST_HOSPITAL,
      name: 'RS Uji Bench',
      district: DISTRICT,
    });
    await queue.putFacility(PUSKESMAS, {
      ...TEST_HOSPITAL,
      name: 'Puskesmas Uji Bench',
      type: 'FKTP',
      district: DISTRICT,
    });
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    // Booked through the gateway, whose answer carries the patient's token for the ticket page.
    const ticket = await postJson<{ bookingCode: string; patientAccess?: unknown }>(
      `${gateway}/api/v1/facilities/${FACILITY}/tickets`,
      { poliCode: 'ANA', patient: { nik: nikFor(915_001), phone: phoneFor(915_001) } },
      { 'idempotency-key': `bench-pages-${Date.now()}` },
    );
    if (ticket.status !== 201) throw new Error(`booking failed: ${JSON.stringify(ticket.body)}`);
    const tabs = await tabSessions(gateway, ticket.body);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

    browser = await launchBrowser();
    const baseline = await benchPage(browser, 'baseline', `${gateway}/${BASELINE}`);
    const pages: PageResult[] = [];
    for (const [page, url] of Object.entries(pageUrls(gateway, ticket.body.bookingCode, today)))
      pages.push(await benchPage(browser, page, url, baseline, tabs[page]));

    const cpu = cpus();
    const result: BenchResult = {
      startedAt: new Date(started).toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      runs: RUNS,
      machine: {
        cpuModel: cpu[0]?.model ?? 'unknown',
        cores: cpu.length,
        memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
        os: `${osType()} ${release()}`,
        loadAverage: { start: loadAtStart, end: Math.round(loadavg()[0] * 100) / 100 },
        node: process.version,
        chromium: browser.version(),
      },
      baseline,
      pages,
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(
      join(RESULTS, 'pages.json'),
      await format(JSON.stringify(result), { parser: 'json' }),
    );
    writeFileSync(
      join(RESULTS, 'pages.md'),
      await format(markdownReport(result), { parser: 'markdown' }),
    );
    console.log(`[bench] ${result.durationS} s; wrote bench/results/pages.json and pages.md`);
    const failing = pages.filter((p) => p.consoleErrors.length);
    if (failing.length) {
      for (const p of failing) console.error(`[bench] ${p.page}: ${p.consoleErrors.join(' | ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    rmSync(join(WEB_DIR, BASELINE), { force: true });
    globalTeardown();
  }
}

main().catch((e: unknown) => {
  console.error(`[bench] ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
