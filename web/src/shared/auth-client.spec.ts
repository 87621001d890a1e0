import { DENIED_REDIRECT_MS, StaffAuth, type AuthDeps } from './auth-client';
import { readSession, SESSION_KEY, type StaffSession } from './auth-session';
import { withToken } from './live';
import { PatientAuth, readPatientAccess, savePatientAccess } from './patient-access';
import { MemoryStorage, session } from './test-doubles';

const json = (status: number, body: unknown): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const authError = (status: number, code: string): Response =>
  json(status, { error: { code, message: code } });

interface Call {
  url: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

/** A fake gateway answering from a script, and a browser whose clock and timers the test runs. */
function harness(start: StaffSession, answer: (call: Call) => Response) {
  let now = Date.parse('2026-12-07T03:00:00Z');
  const storage = new MemoryStorage();
  storage.setItem(SESSION_KEY, JSON.stringify(start));
  const calls: Call[] = [];
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  const navigations: string[] = [];
  let nextId = 1;
  const deps: AuthDeps = {
    fetch: (input, init = {}) => {
      const call: Call = {
        url: input as string,
        method: init.method ?? 'GET',
        authorization: new Headers(init.headers).get('authorization'),
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(call);
      return Promise.resolve(answer(call));
    },
    storage,
    navigate: (url) => navigations.push(url),
    here: () => '/desk.html?facility=9917R001&counter=ANA-1',
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((r) => setImmediate(r));
  };
  return { deps, calls, storage, navigations, advance, now: () => now };
}

const t0 = Date.parse('2026-12-07T03:00:00Z');
const rotated = (n: number): StaffSession =>
  session(t0, { accessToken: `access-${n}`, refreshToken: `refresh-${n}` });

describe('the staff auth client', () => {
  it('sends the Bearer token on every call', async () => {
    const h = harness(session(t0), () => json(200, { ok: true }));
    const auth = new StaffAuth(session(t0), h.deps);
    const res = await auth.fetch('/api/v1/facilities/9917R001/counters');
    expect(res.status).toBe(200);
    expect(h.calls).toEqual([
      expect.objectContaining({
        url: '/api/v1/facilities/9917R001/counters',
        authorization: 'Bearer access-1',
      }),
    ]);
  });

  it('refreshes shortly before the access token expires, and stores the rotated session', async () => {
    const h = harness(session(t0), (c) =>
      c.url === '/api/v1/auth/refresh' ? json(200, rotated(2)) : json(200, {}),
    );
    const auth = new StaffAuth(session(t0), h.deps).start();
    await h.advance(14 * 60_000);
    expect(h.calls).toEqual([]);
    await h.advance(31_000);
    expect(h.calls).toEqual([
      expect.objectContaining({
        url: '/api/v1/auth/refresh',
        method: 'POST',
        body: { refreshToken: 'refresh-1' },
      }),
    ]);
    expect(readSession(h.storage, h.now())?.refreshToken).toBe('refresh-2');
    await auth.fetch('/api/v1/x');
    expect(h.calls.at(-1)?.authorization).toBe('Bearer access-2');
    auth.stop();
  });

  it('refreshes once on 401 AUTH.TOKEN_INVALID and retries the call with the new token', async () => {
    let first = true;
    const h = harness(session(t0), (c) => {
      if (c.url === '/api/v1/auth/refresh') return json(200, rotated(2));
      if (first) {
        first = false;
        return authError(401, 'AUTH.TOKEN_INVALID');
      }
      return json(200, { ok: true });
    });
    const auth = new StaffAuth(session(t0), h.deps);
    const res = await auth.fetch('/api/v1/x');
    expect(res.status).toBe(200);
    expect(h.calls.map((c) => [c.url, c.authorization])).toEqual([
      ['/api/v1/x', 'Bearer access-1'],
      ['/api/v1/auth/refresh', null],
      ['/api/v1/x', 'Bearer access-2'],
    ]);
    expect(h.navigations).toEqual([]);
  });

  it('sends one refresh for many calls at once: a rotated refresh token must not be sent twice', async () => {
    const expired = session(t0, { accessTokenExpiresAt: new Date(t0 - 1000).toISOString() });
    const h = harness(expired, (c) =>
      c.url === '/api/v1/auth/refresh' ? json(200, rotated(2)) : json(200, {}),
    );
    const auth = new StaffAuth(expired, h.deps);
    await Promise.all([auth.fetch('/a'), auth.fetch('/b'), auth.fetch('/c')]);
    expect(h.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(
      h.calls.filter((c) => c.url !== '/api/v1/auth/refresh').map((c) => c.authorization),
    ).toEqual(['Bearer access-2', 'Bearer access-2', 'Bearer access-2']);
  });

  it('goes to the login page, session gone, when the refresh is refused', async () => {
    const h = harness(session(t0), (c) =>
      c.url === '/api/v1/auth/refresh'
        ? authError(401, 'AUTH.REFRESH_REUSED')
        : authError(401, 'AUTH.TOKEN_INVALID'),
    );
    const auth = new StaffAuth(session(t0), h.deps);
    const res = await auth.fetch('/api/v1/x');
    expect(res.status).toBe(401);
    expect(h.storage.getItem(SESSION_KEY)).toBeNull();
    expect(h.navigations).toEqual([
      '/login.html?next=%2Fdesk.html%3Ffacility%3D9917R001%26counter%3DANA-1&reason=expired',
    ]);
    // No second refresh with the same refused token.
    await auth.fetch('/api/v1/y');
    expect(h.calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('keeps the session when the gateway is away during a refresh, and tries again', async () => {
    let down = true;
    const h = harness(session(t0), (c) => {
      if (c.url !== '/api/v1/auth/refresh') return json(200, {});
      return down ? authError(503, 'COMMON.UNAVAILABLE') : json(200, rotated(2));
    });
    const auth = new StaffAuth(session(t0), h.deps).start();
    await h.advance(14 * 60_000 + 31_000);
    expect(readSession(h.storage, h.now())?.refreshToken).toBe('refresh-1');
    down = false;
    await h.advance(5_000);
    expect(readSession(h.storage, h.now())?.refreshToken).toBe('refresh-2');
    expect(h.navigations).toEqual([]);
    auth.stop();
  });

  it('logs out at the gateway with both tokens, forgets the session and leaves for the login page', async () => {
    const h = harness(session(t0), () => json(204, null));
    const auth = new StaffAuth(session(t0), h.deps).start();
    await auth.logout();
    expect(h.calls).toEqual([
      {
        url: '/api/v1/auth/logout',
        method: 'POST',
        authorization: 'Bearer access-1',
        body: { refreshToken: 'refresh-1' },
      },
    ]);
    expect(h.storage.getItem(SESSION_KEY)).toBeNull();
    expect(h.navigations[0]).toMatch(/^\/login\.html\?next=.*&reason=logout$/);
    // No refresh runs after logout.
    await h.advance(60 * 60_000);
    expect(h.calls).toHaveLength(1);
  });

  it('waits for a renewal on its way before logging out, and sends nothing after the logout', async () => {
    const h = harness(session(t0), (c) =>
      c.url === '/api/v1/auth/refresh' ? json(200, rotated(2)) : json(204, null),
    );
    const auth = new StaffAuth(session(t0), h.deps).start();
    const renewal = auth.refresh(); // e.g. the timer fired just before "Keluar"
    const out = auth.logout();
    let answered = false;
    void auth.fetch('/api/v1/facilities/9917R001/counters').then(() => (answered = true));
    await Promise.all([renewal, out]);
    expect(h.calls.map((c) => [c.url, c.authorization, c.body])).toEqual([
      ['/api/v1/auth/refresh', null, { refreshToken: 'refresh-1' }],
      ['/api/v1/auth/logout', 'Bearer access-2', { refreshToken: 'refresh-2' }],
    ]);
    expect(await auth.refresh()).toBe(false);
    await h.advance(60 * 60_000);
    expect(h.calls).toHaveLength(2);
    expect(answered).toBe(false);
    expect(h.storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('takes the tab’s newer tokens instead of renewing with a rotated-out one (a page restored by Back)', async () => {
    const h = harness(rotated(2), () => json(200, rotated(3)));
    const auth = new StaffAuth(rotated(1), h.deps); // the older copy this page still holds
    expect(await auth.refresh()).toBe(true);
    expect(h.calls).toEqual([]);
    expect(await auth.token()).toBe('access-2');
  });

  it('renews nothing when another account has signed in on the tab since', async () => {
    const other = session(t0, { accessToken: 'theirs', refreshToken: 'their-refresh' });
    const h = harness({ ...other, account: { ...other.account, id: 'someone-else' } }, () =>
      authError(401, 'AUTH.TOKEN_INVALID'),
    );
    const auth = new StaffAuth(session(t0), h.deps);
    expect(await auth.refresh()).toBe(false);
    expect(await auth.token()).toBe('access-1');
    expect(h.calls).toEqual([]);
    // This page giving up (its old token refused) leaves the other account signed in on the tab.
    await auth.fetch('/api/v1/x');
    expect(h.navigations[0]).toMatch(/reason=expired$/);
    expect(readSession(h.storage, h.now())?.account.id).toBe('someone-else');
  });

  it('renews nothing once the tab has signed out', async () => {
    const h = harness(session(t0), () => json(200, rotated(2)));
    const auth = new StaffAuth(session(t0), h.deps).start();
    h.storage.removeItem(SESSION_KEY);
    await h.advance(60 * 60_000);
    expect(await auth.refresh()).toBe(false);
    expect(h.calls).toEqual([]);
  });

  it('shows a refused live subscription, then goes to the login page', async () => {
    const h = harness(session(t0), () => json(200, {}));
    const auth = new StaffAuth(session(t0), h.deps);
    const seen: string[] = [];
    auth.onDenied((code) => seen.push(code));
    auth.denied('AUTH.FACILITY_FORBIDDEN');
    expect(seen).toEqual(['AUTH.FACILITY_FORBIDDEN']);
    expect(h.navigations).toEqual([]);
    await h.advance(DENIED_REDIRECT_MS);
    expect(h.navigations).toEqual([
      '/login.html?next=%2Fdesk.html%3Ffacility%3D9917R001%26counter%3DANA-1&reason=forbidden',
    ]);
    // The account may still be right elsewhere: a refusal keeps the session.
    expect(h.storage.getItem(SESSION_KEY)).not.toBeNull();
  });
});

describe('live subscriptions and patient access', () => {
  it('adds the access token to every subscription but the public facility one', () => {
    expect(withToken({ event: 'subscribe', data: { facilityCode: 'A' } }, 'tok')).toEqual({
      event: 'subscribe',
      data: { facilityCode: 'A' },
    });
    expect(withToken({ event: 'subscribe-referrals', data: { facilityCode: 'A' } }, 'tok')).toEqual(
      { event: 'subscribe-referrals', data: { facilityCode: 'A', accessToken: 'tok' } },
    );
    expect(withToken({ event: 'subscribe-ticket', data: { bookingCode: 'B' } }, null)).toEqual({
      event: 'subscribe-ticket',
      data: { bookingCode: 'B' },
    });
  });

  it("keeps a patient's token per booking code until it expires", () => {
    const storage = new MemoryStorage();
    const now = t0;
    savePatientAccess(storage, 'ab12cd', {
      accessToken: 'p-tok',
      accessTokenExpiresAt: new Date(now + 60_000).toISOString(),
    });
    expect(storage.getItem('antrean.patient.AB12CD')).not.toBeNull();
    expect(readPatientAccess(storage, 'AB12CD', now)?.accessToken).toBe('p-tok');
    expect(readPatientAccess(storage, 'AB12CD', now + 60_000)).toBeNull();
    expect(readPatientAccess(storage, 'OTHER', now)).toBeNull();
  });

  it('sends the patient token and gives up the access on a 401', async () => {
    let lost = 0;
    const seen: Array<string | null> = [];
    const auth = new PatientAuth(
      { accessToken: 'p-tok', accessTokenExpiresAt: new Date(t0 + 60_000).toISOString() },
      () => lost++,
      (_input, init) => {
        seen.push(new Headers(init?.headers).get('authorization'));
        return Promise.resolve(authError(401, 'AUTH.TOKEN_INVALID'));
      },
    );
    await auth.fetch('/api/v1/tickets/AB12CD');
    expect(seen).toEqual(['Bearer p-tok']);
    expect(lost).toBe(1);
    expect(await auth.refresh()).toBe(false);
  });
});
