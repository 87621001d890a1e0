import { browserDeps, StaffAuth, type LiveAuth } from './auth-client';
import { loginUrl, mayOpen, readSession, type PagePolicy, type Role } from './auth-session';

/** How a page's API calls and live subscriptions prove who is asking (none on public pages). */
export interface PageAuth {
  fetch(input: string, init?: RequestInit): Promise<Response>;
  live: LiveAuth | null;
}

let current: PageAuth | null = null;

/** One identity per page (each page is its own bundle): its calls all carry it. */
export function setPageAuth(auth: PageAuth | null): void {
  current = auth;
}

export function pageAuth(): PageAuth | null {
  return current;
}

/**
 * The gate of a page that needs a staff login: without a session, or with an account this page
 * is not for, it goes to the login page (replacing itself in the history) and renders nothing.
 */
export function guardStaffPage(policy: PagePolicy): StaffAuth | null {
  const deps = browserDeps();
  const session = readSession(deps.storage, deps.now());
  if (!session) {
    deps.navigate(loginUrl(deps.here(), 'required'));
    return null;
  }
  if (!mayOpen(session.account, policy)) {
    deps.navigate(loginUrl(deps.here(), 'forbidden'));
    return null;
  }
  const auth = new StaffAuth(session, deps).start();
  setPageAuth({ fetch: (input, init) => auth.fetch(input, init), live: auth });
  // A page kept in the back-forward cache renews nothing while it is away; restored (Back after
  // "Keluar", say), it checks the tab's session again before it goes on.
  window.addEventListener('pagehide', (e) => {
    if (e.persisted) auth.stop();
  });
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    if (readSession(deps.storage, deps.now())?.account.id === auth.account.id) auth.start();
    else deps.navigate(loginUrl(deps.here(), 'required'));
  });
  return auth;
}

/** The account's own facility or district for a page opened without one (`?facility=`). */
export function withDefaultParam(name: string, value: string | null): boolean {
  const params = new URLSearchParams(location.search);
  if (params.get(name) || !value) return false;
  params.set(name, value);
  location.replace(`${location.pathname}?${params.toString()}`);
  return true;
}

/**
 * A staff page's start: its place (`?facility=`, `?hospital=` or `?district=`) defaults to the
 * account's own, then the gate. Null when the page is leaving (to login, or to add its place).
 */
export function staffPage(
  param: 'facility' | 'hospital' | 'district',
  roles: readonly Role[],
): StaffAuth | null {
  const session = readSession(sessionStorage);
  const own =
    param === 'district'
      ? (session?.account.district ?? null)
      : (session?.account.facilityCode ?? null);
  if (session && mayOpen(session.account, { roles }) && withDefaultParam(param, own)) return null;
  const raw = new URLSearchParams(location.search).get(param)?.trim() ?? '';
  const place = param === 'district' ? raw : raw.toUpperCase();
  return guardStaffPage(
    param === 'district'
      ? { roles, ...(place && { district: place }) }
      : { roles, ...(place && { facilityCode: place }) },
  );
}
