import {
  homeFor,
  loginUrl,
  mayOpen,
  readSession,
  refreshDelayMs,
  safeNext,
  SESSION_KEY,
} from './auth-session';
import { account, MemoryStorage, session } from './test-doubles';

describe('the staff session and page rules', () => {
  const now = Date.parse('2026-12-07T03:00:00Z');

  it('reads a stored session, and none when it is missing, broken or its refresh token is dead', () => {
    const storage = new MemoryStorage();
    expect(readSession(storage, now)).toBeNull();
    storage.setItem(SESSION_KEY, '{not json');
    expect(readSession(storage, now)).toBeNull();
    storage.setItem(SESSION_KEY, JSON.stringify(session(now)));
    expect(readSession(storage, now)?.account.username).toBe('loket1');
    // An expired access token is fine (it is refreshed); a dead refresh token is not.
    storage.setItem(
      SESSION_KEY,
      JSON.stringify(session(now, { accessTokenExpiresAt: new Date(now - 1).toISOString() })),
    );
    expect(readSession(storage, now)).not.toBeNull();
    storage.setItem(
      SESSION_KEY,
      JSON.stringify(session(now, { refreshTokenExpiresAt: new Date(now).toISOString() })),
    );
    expect(readSession(storage, now)).toBeNull();
  });

  it('lets a role open its page at its own facility or district only; a system admin everywhere', () => {
    const desk = { roles: ['desk', 'facility_admin'] as const, facilityCode: '9917R001' };
    expect(mayOpen(account(), desk)).toBe(true);
    expect(mayOpen(account({ facilityCode: '9917R002' }), desk)).toBe(false);
    expect(mayOpen(account({ role: 'facility_admin' }), desk)).toBe(true);
    expect(mayOpen(account({ role: 'fktp_doctor' }), desk)).toBe(false);
    expect(mayOpen(account({ role: 'system_admin', facilityCode: null }), desk)).toBe(true);
    const dashboard = { roles: ['district_officer'] as const, district: 'Brebes' };
    const officer = account({ role: 'district_officer', facilityCode: null, district: 'brebes' });
    expect(mayOpen(officer, dashboard)).toBe(true);
    expect(mayOpen({ ...officer, district: 'Tegal' }, dashboard)).toBe(false);
    expect(mayOpen({ ...officer, district: null }, dashboard)).toBe(false);
  });

  it('goes on after login only to a page of this site', () => {
    expect(safeNext('/desk.html?facility=9917R001&counter=ANA-1')).toBe(
      '/desk.html?facility=9917R001&counter=ANA-1',
    );
    for (const bad of [
      null,
      '',
      'desk.html',
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/login.html?next=/desk.html',
    ]) {
      expect(safeNext(bad)).toBeNull();
    }
    expect(loginUrl('/desk.html?facility=A&counter=B', 'forbidden')).toBe(
      '/login.html?next=%2Fdesk.html%3Ffacility%3DA%26counter%3DB&reason=forbidden',
    );
  });

  it('sends each role to its own work page when no page asked', () => {
    expect(homeFor(account())).toBe('/desk.html?facility=9917R001');
    expect(homeFor(account({ role: 'fktp_doctor', facilityCode: '9917P001' }))).toBe(
      '/refer.html?facility=9917P001',
    );
    expect(homeFor(account({ role: 'hospital_referral' }))).toBe('/inbox.html?hospital=9917R001');
    expect(
      homeFor(account({ role: 'district_officer', facilityCode: null, district: 'Brebes' })),
    ).toBe('/dashboard.html?district=Brebes');
    expect(homeFor(account({ role: 'system_admin', facilityCode: null }))).toBe('/');
  });

  it('renews half a minute before expiry, or halfway for a short-lived token, never in the past', () => {
    expect(refreshDelayMs(session(now), now)).toBe(15 * 60_000 - 30_000);
    const short = session(now, { accessTokenExpiresAt: new Date(now + 20_000).toISOString() });
    expect(refreshDelayMs(short, now)).toBe(10_000);
    const late = session(now, { accessTokenExpiresAt: new Date(now - 5_000).toISOString() });
    expect(refreshDelayMs(late, now)).toBe(0);
  });
});
