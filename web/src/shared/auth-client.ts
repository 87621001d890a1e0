import {
  clearSession,
  loginUrl,
  readSession,
  refreshDelayMs,
  writeSession,
  type Account,
  type LoginReason,
  type StaffSession,
} from './auth-session';

/** What the client needs from the browser, so tests can give it fakes. */
export interface AuthDeps {
  fetch: typeof fetch;
  storage: Storage;
  /** Leaves the page without a history entry (Back must not return to a console). */
  navigate: (url: string) => void;
  /** The page's own address, for `next`. */
  here: () => string;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

/** The auth side of the live socket: a fresh token per subscribe, one refresh, a refusal. */
export interface LiveAuth {
  token(): Promise<string | null>;
  refresh(): Promise<boolean>;
  denied(code: string): void;
}

export type DeniedListener = (code: string) => void;

/** How long the page shows why it leaves before going to the login page. */
export const DENIED_REDIRECT_MS = 2500;

interface ErrorBody {
  error?: { code?: string };
}

async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res
    .clone()
    .json()
    .catch(() => ({}))) as ErrorBody;
  return body.error?.code;
}

/**
 * A staff member's session on a page: adds the Bearer token to every API call, renews the access
 * token shortly before it expires and once when the gateway calls it invalid, and leaves for the
 * login page when the session cannot go on. Refreshes are one at a time: refresh tokens rotate,
 * and sending a used one twice would revoke the whole session.
 */
export class StaffAuth implements LiveAuth {
  private refreshing: Promise<boolean> | null = null;
  private timer: unknown = null;
  private readonly deniedListeners = new Set<DeniedListener>();
  private leaving = false;
  /** "Keluar" was pressed: no call and no renewal starts any more. */
  private signingOut = false;
  /** The gateway refused the refresh token: no further refresh is tried. */
  private dead = false;

  constructor(
    private session: StaffSession,
    private readonly deps: AuthDeps,
  ) {}

  get account(): Account {
    return this.session.account;
  }

  /** Starts the renewal timer (call once the page is up). */
  start(): this {
    this.schedule();
    return this;
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  /** The access token, renewed first when it is about to run out. */
  async token(): Promise<string | null> {
    if (refreshDelayMs(this.session, this.deps.now()) === 0) await this.refresh();
    return this.session.accessToken;
  }

  /** `fetch` with the Bearer token; a 401 AUTH.TOKEN_INVALID is retried once after a refresh. */
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    // Signing out: the page is about to go, and the tokens are about to stop working.
    if (this.signingOut) return new Promise<Response>(() => undefined);
    const send = async () => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await this.token()}`);
      return this.deps.fetch(input, { ...init, headers });
    };
    let res = await send();
    if (res.status !== 401) return res;
    if ((await errorCode(res)) === 'AUTH.TOKEN_INVALID' && (await this.refresh())) {
      res = await send();
      if (res.status !== 401) return res;
    }
    this.leave('expired');
    return res;
  }

  /** Renews both tokens; false (and the session is gone) when the gateway refuses. */
  refresh(): Promise<boolean> {
    if (this.dead || (this.signingOut && !this.refreshing)) return Promise.resolve(false);
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    // The tab's stored session is the truth: this page may be an older copy of it (Back restores
    // a page from the back-forward cache with the tokens it had). Signed out since: nothing to
    // renew (nor when someone else has signed in on the tab since). Renewed since by another page
    // of the tab: take those tokens, for sending the rotated-out refresh token again would make
    // the gateway end the whole session.
    const stored = readSession(this.deps.storage, this.deps.now());
    if (!stored || stored.account.id !== this.session.account.id) {
      this.dead = true;
      return false;
    }
    if (stored.refreshToken !== this.session.refreshToken) {
      this.session = stored;
      this.schedule();
      return true;
    }
    try {
      const res = await this.deps.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refreshToken: this.session.refreshToken }),
      });
      if (!res.ok) {
        // Only a refusal ends the session; a gateway that is away is retried by the timer.
        if (res.status === 401) {
          this.dead = true;
          this.forgetOwnSession();
          return false;
        }
        this.scheduleRetry();
        return false;
      }
      this.session = (await res.json()) as StaffSession;
      writeSession(this.deps.storage, this.session);
      this.schedule();
      return true;
    } catch {
      this.scheduleRetry();
      return false;
    }
  }

  /**
   * Signs out at the gateway (both tokens stop working) and goes to the login page. A renewal
   * already on its way is waited for, so the logout names the newest tokens and no renewal reaches
   * the gateway after it (it would be refused, and the console would show a 401).
   */
  async logout(): Promise<void> {
    this.signingOut = true;
    this.leaving = true;
    this.stop();
    await this.refreshing;
    this.dead = true;
    this.stop();
    try {
      await this.deps.fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.session.accessToken}`,
        },
        body: JSON.stringify({ refreshToken: this.session.refreshToken }),
      });
    } catch {
      // Signed out on this tab all the same; the tokens run out on their own.
    }
    clearSession(this.deps.storage);
    this.deps.navigate(loginUrl(this.deps.here(), 'logout'));
  }

  /** Listens for refusals (shown to the user before the page leaves). */
  onDenied(listener: DeniedListener): () => void {
    this.deniedListeners.add(listener);
    return () => this.deniedListeners.delete(listener);
  }

  /**
   * The gateway refused a live subscription: say why, then go to the login page (an invalid or
   * missing token means the session is over; a refusal lets another account sign in).
   */
  denied(code: string): void {
    if (this.leaving) return;
    for (const l of this.deniedListeners) l(code);
    const reason: LoginReason =
      code === 'AUTH.TOKEN_INVALID' || code === 'AUTH.REQUIRED' ? 'expired' : 'forbidden';
    const wait = this.deniedListeners.size > 0 ? DENIED_REDIRECT_MS : 0;
    this.deps.setTimer(() => this.leave(reason), wait);
  }

  private leave(reason: LoginReason): void {
    if (this.leaving) return;
    this.leaving = true;
    this.stop();
    if (reason === 'expired') this.forgetOwnSession();
    this.deps.navigate(loginUrl(this.deps.here(), reason));
  }

  /** Clears the tab's stored session, unless it is another account's (signed in there since). */
  private forgetOwnSession(): void {
    const stored = readSession(this.deps.storage, this.deps.now());
    if (stored && stored.account.id !== this.session.account.id) return;
    clearSession(this.deps.storage);
  }

  private schedule(): void {
    this.stop();
    this.timer = this.deps.setTimer(
      () => void this.refresh(),
      refreshDelayMs(this.session, this.deps.now()),
    );
  }

  private scheduleRetry(): void {
    this.stop();
    this.timer = this.deps.setTimer(() => void this.refresh(), 5_000);
  }
}

export function browserDeps(): AuthDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    storage: sessionStorage,
    navigate: (url) => location.replace(url),
    here: () => `${location.pathname}${location.search}`,
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  };
}
