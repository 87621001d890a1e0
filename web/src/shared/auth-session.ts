/**
 * Who is signed in on this tab, and which page they may open: the session the login page stores
 * (sessionStorage `antrean.auth`, so closing the tab signs out) and the page rules of the auth
 * contract. No I/O beyond the storage passed in, so it is unit-tested as it is.
 */
export type Role =
  | 'patient'
  | 'desk'
  | 'fktp_doctor'
  | 'hospital_referral'
  | 'facility_admin'
  | 'district_officer'
  | 'system_admin';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  facilityCode: string | null;
  district: string | null;
}

/** The login (and refresh) answer, as stored. */
export interface StaffSession {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  account: Account;
}

export const SESSION_KEY = 'antrean.auth';

/** What a page asks of the account: one of these roles, at this facility or district. */
export interface PagePolicy {
  roles: readonly Role[];
  facilityCode?: string;
  district?: string;
}

/** Why the login page was opened, so it can say so. */
export type LoginReason = 'required' | 'expired' | 'forbidden' | 'logout';

export function readSession(storage: Storage, now = Date.now()): StaffSession | null {
  try {
    const parsed = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as StaffSession | null;
    if (!parsed?.accessToken || !parsed.refreshToken || !parsed.account?.role) return null;
    // A session whose refresh token is dead cannot be revived: it is as good as none.
    if (Date.parse(parsed.refreshTokenExpiresAt) <= now) return null;
    return parsed;
  } catch {
    return null;
  }
}

export function writeSession(storage: Storage, session: StaffSession): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(SESSION_KEY);
}

/** The contract's rule: the role, at the page's facility or district; a system admin anywhere. */
export function mayOpen(account: Account, policy: PagePolicy): boolean {
  if (account.role === 'system_admin') return true;
  if (!policy.roles.includes(account.role)) return false;
  if (policy.facilityCode !== undefined && account.facilityCode !== policy.facilityCode) {
    return false;
  }
  if (
    policy.district !== undefined &&
    account.district?.toLowerCase() !== policy.district.toLowerCase()
  ) {
    return false;
  }
  return true;
}

/**
 * A `next` target the login page may go to: a path on this site only (never `//host` or a full
 * URL, which would make the login page an open redirect), and never the login page itself.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  try {
    const base = 'http://same.invalid';
    const url = new URL(next, base);
    if (url.origin !== base || url.pathname === '/login.html') return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

export function loginUrl(next: string, reason?: LoginReason): string {
  const q = new URLSearchParams({ next });
  if (reason) q.set('reason', reason);
  return `/login.html?${q.toString()}`;
}

/** Where an account lands after login when no page asked for it: its own work page. */
export function homeFor(account: Account): string {
  const f = encodeURIComponent(account.facilityCode ?? '');
  switch (account.role) {
    case 'desk':
    case 'facility_admin':
      return `/desk.html?facility=${f}`;
    case 'fktp_doctor':
      return `/refer.html?facility=${f}`;
    case 'hospital_referral':
      return `/inbox.html?hospital=${f}`;
    case 'district_officer':
      return `/dashboard.html?district=${encodeURIComponent(account.district ?? '')}`;
    case 'system_admin':
    case 'patient':
      return '/';
  }
}

/** When to renew the access token: a little before it runs out (never less than now). */
export function refreshDelayMs(session: StaffSession, now = Date.now()): number {
  const left = Date.parse(session.accessTokenExpiresAt) - now;
  // Half a minute ahead, or half the remaining time for a short-lived token.
  return Math.max(0, left - Math.min(30_000, left / 2));
}
