/**
 * Demo staff accounts, one per role, for the Brebes demo facilities and district: created through
 * the gateway's account API as its bootstrap system_admin (the same way an installation adds its
 * staff), so `npm start` shows every page that needs a login. Demo-only passwords, printed on
 * start: never use them on an installation with real patients.
 */
export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'desk' | 'fktp_doctor' | 'hospital_referral' | 'facility_admin' | 'district_officer';
  facilityCode?: string;
  district?: string;
  /** The page this account works on, for the printed list. */
  page: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'loket.rsud',
    password: 'demo-loket-rsud-2026',
    displayName: 'Petugas Loket RSUD Brebes',
    role: 'desk',
    facilityCode: '3329R001',
    page: '/desk.html?facility=3329R001&counter=A1',
  },
  {
    username: 'rujukan.rsud',
    password: 'demo-rujukan-rsud-2026',
    displayName: 'Petugas Rujukan RSUD Brebes',
    role: 'hospital_referral',
    facilityCode: '3329R001',
    page: '/inbox.html?hospital=3329R001',
  },
  {
    username: 'admin.rsud',
    password: 'demo-admin-rsud-2026',
    displayName: 'Admin RSUD Brebes',
    role: 'facility_admin',
    facilityCode: '3329R001',
    page: '/desk.html?facility=3329R001',
  },
  {
    username: 'dokter.pkm',
    password: 'demo-dokter-pkm-2026',
    displayName: 'dr. Nurul Hidayah',
    role: 'fktp_doctor',
    facilityCode: '33290101',
    page: '/refer.html?facility=33290101',
  },
  {
    username: 'loket.pkm',
    password: 'demo-loket-pkm-2026',
    displayName: 'Petugas Loket Puskesmas Brebes',
    role: 'desk',
    facilityCode: '33290101',
    page: '/desk.html?facility=33290101&counter=A1',
  },
  {
    username: 'dinkes.brebes',
    password: 'demo-dinkes-brebes-2026',
    displayName: 'Dinas Kesehatan Kabupaten Brebes',
    role: 'district_officer',
    district: 'Brebes',
    page: '/dashboard.html?district=Brebes',
  },
];

/**
 * Creates the demo accounts that do not exist yet (a restart keeps the gateway's database, so an
 * account already there, 409, is fine). Returns a line per account that could not be made.
 */
export async function seedDemoAccounts(
  gatewayUrl: string,
  admin: { username: string; password: string },
): Promise<string[]> {
  const login = await fetch(`${gatewayUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!login.ok) return [`bootstrap admin login answered ${login.status}`];
  const { accessToken } = (await login.json()) as { accessToken: string };
  const problems: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const { username, password, displayName, role, facilityCode, district } = account;
    const res = await fetch(`${gatewayUrl}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ username, password, displayName, role, facilityCode, district }),
    });
    if (res.status !== 201 && res.status !== 409) {
      problems.push(`${account.username}: ${res.status} ${await res.text()}`);
    }
  }
  return problems;
}
