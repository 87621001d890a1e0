import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './local-stack';

/** Debian's Chromium (`apt-get install -y chromium`); another build can be named by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** Starts a suite's screenshots afresh, so the folder shows exactly the last run. */
export function clearScreenshots(suite: string): void {
  rmSync(join(SCREENSHOT_DIR, suite), { recursive: true, force: true });
}

/**
 * Headless Chromium as the machine allows it: no sandbox (root), and none of the background
 * networking that a closed network would refuse (and that would surface as console errors).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" ` +
        'or set CHROMIUM_PATH',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One user's browser tab, as a test sees it: every console error, uncaught exception and failed
 * request is recorded (a test fails on any), and `shot` saves numbered screenshots per suite.
 */
export class UserPage {
  readonly errors: string[] = [];
  private shots = 0;
  private readonly expected: RegExp[] = [];

  private constructor(
    readonly page: Page,
    private readonly suite: string,
    private readonly who: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.record(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.record(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // A page leaving (navigation, close) aborts its WebSocket and pending reads: not an error.
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') {
        this.record(`request failed: ${r.url()} ${r.failure()?.errorText}`);
      }
    });
  }

  static async open(
    context: BrowserContext,
    suite: string,
    who: string,
    initScript?: string,
  ): Promise<UserPage> {
    const page = await context.newPage();
    if (initScript) await page.addInitScript(initScript);
    return new UserPage(page, suite, who);
  }

  /**
   * An error the next step causes on purpose (Chromium logs every 4xx answer, e.g. a wrong
   * password's 401, as a console error): matched once, then every other error counts again.
   */
  expectError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  private record(error: string): void {
    const i = this.expected.findIndex((p) => p.test(error));
    if (i >= 0) this.expected.splice(i, 1);
    else this.errors.push(error);
  }

  /**
   * Signs in through the login page as staff do: opens `path` (a page that needs a login sends
   * the browser to login.html), types the credentials, and waits to be back on `path`. A session
   * lives in one tab (sessionStorage), so every new tab signs in again.
   */
  async signIn(
    gatewayUrl: string,
    path: string,
    credentials: { username: string; password: string },
  ): Promise<void> {
    const target = new URL(path, gatewayUrl);
    await this.page.goto(target.href);
    await this.page.waitForURL((u) => u.pathname === '/login.html');
    await this.page.locator('#username').fill(credentials.username);
    await this.page.locator('#password').fill(credentials.password);
    await this.shot('login');
    await this.page.locator('#password').press('Enter');
    await this.page.waitForURL((u) => u.pathname === target.pathname);
    await this.page.getByTestId('account-name').waitFor();
  }

  async shot(name: string): Promise<string> {
    const dir = join(SCREENSHOT_DIR, this.suite);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${String(++this.shots).padStart(2, '0')}-${this.who}-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
