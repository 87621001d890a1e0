import type { Account, StaffSession } from './auth-session';

/** Fakes for the unit tests of the auth client (never imported by a page). */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

export const account = (patch: Partial<Account> = {}): Account => ({
  id: 'a1',
  username: 'loket1',
  displayName: 'Petugas Loket',
  role: 'desk',
  facilityCode: '9917R001',
  district: null,
  ...patch,
});

export const session = (now: number, patch: Partial<StaffSession> = {}): StaffSession => ({
  accessToken: 'access-1',
  accessTokenExpiresAt: new Date(now + 15 * 60_000).toISOString(),
  refreshToken: 'refresh-1',
  refreshTokenExpiresAt: new Date(now + 8 * 3600_000).toISOString(),
  account: account(),
  ...patch,
});
