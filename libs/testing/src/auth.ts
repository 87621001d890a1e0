import { randomUUID } from 'node:crypto';
import { postJson } from './http';
import { TEST_BOOTSTRAP_ADMIN } from './local-stack';

/** The gateway's account roles (apps/gateway/src/auth/roles.ts), as tests name them. */
export type TestRole =
  | 'desk'
  | 'fktp_doctor'
  | 'hospital_referral'
  | 'facility_admin'
  | 'district_officer'
  | 'system_admin';

export interface TestAccount {
  id: string;
  username: string;
  displayName: string;
  role: TestRole | 'patient';
  facilityCode: string | null;
  district: string | null;
}

export interface LoginAnswer {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  account: TestAccount;
}

export interface CreateAccountInput {
  username: string;
  password: string;
  displayName: string;
  role: TestRole;
  facilityCode?: string;
  district?: string;
}

/** `Authorization: Bearer <token>` for a login answer or a bare token. */
export const bearer = (auth: { accessToken: string } | string): Record<string, string> => ({
  authorization: `Bearer ${typeof auth === 'string' ? auth : auth.accessToken}`,
});

/** Logs in; throws unless the gateway answers 200. */
export async function login(
  gatewayUrl: string,
  username: string,
  password: string,
): Promise<LoginAnswer> {
  const res = await postJson<LoginAnswer>(`${gatewayUrl}/api/v1/auth/login`, {
    username,
    password,
  });
  if (res.status !== 200)
    throw new Error(`login ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// One admin session per gateway and admin (a test file creates many accounts; logging in for each
// would run into the gateway's per-username login limit).
const adminSessions = new Map<string, Promise<LoginAnswer>>();

/** Creates a staff account as the stack's bootstrap system_admin. */
export async function createAccount(
  gatewayUrl: string,
  input: CreateAccountInput,
  admin: { username: string; password: string } = TEST_BOOTSTRAP_ADMIN,
): Promise<TestAccount> {
  const key = `${gatewayUrl} ${admin.username}`;
  for (let attempt = 0; ; attempt++) {
    let session = adminSessions.get(key);
    if (!session) {
      session = login(gatewayUrl, admin.username, admin.password);
      adminSessions.set(key, session);
      session.catch(() => adminSessions.delete(key));
    }
    const res = await postJson<TestAccount>(
      `${gatewayUrl}/api/v1/accounts`,
      input,
      bearer(await session),
    );
    if (res.status === 201) return res.body;
    // A restarted gateway or an expired token: log in again, once.
    if (res.status === 401 && attempt === 0) {
      adminSessions.delete(key);
      continue;
    }
    throw new Error(
      `creating ${input.username} answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
}

/**
 * A fresh account of `role` (for a facility or district when the role needs one), logged in:
 * the login answer, whose accessToken goes in `bearer(...)`.
 */
export async function loginAs(
  gatewayUrl: string,
  who: { role: TestRole; facilityCode?: string; district?: string },
): Promise<LoginAnswer> {
  const username = `t-${who.role.replace(/_/g, '-')}-${randomUUID().slice(0, 12)}`;
  const password = `pw-${randomUUID()}`;
  if (who.role === 'system_admin' && !who.facilityCode && !who.district) {
    await createAccount(gatewayUrl, { username, password, displayName: username, role: who.role });
  } else {
    await createAccount(gatewayUrl, {
      username,
      password,
      displayName: username,
      role: who.role,
      ...(who.facilityCode !== undefined && { facilityCode: who.facilityCode }),
      ...(who.district !== undefined && { district: who.district }),
    });
  }
  return login(gatewayUrl, username, password);
}
