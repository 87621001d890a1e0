import { randomUUID } from 'node:crypto';
import { createAccount, type TestRole } from '@app/testing';

export interface StaffCredentials {
  username: string;
  password: string;
  displayName: string;
}

/**
 * A staff account the browser tests sign in with through the login page (created by the stack's
 * bootstrap system_admin over the account API): unique per run, so re-runs never collide.
 */
export async function staffAccount(
  gatewayUrl: string,
  role: TestRole,
  place: { facilityCode?: string; district?: string },
  displayName: string,
): Promise<StaffCredentials> {
  const username = `${role.replace(/_/g, '-')}-${randomUUID().slice(0, 8)}`;
  const password = `Kata-Sandi-${randomUUID()}`;
  await createAccount(gatewayUrl, { username, password, displayName, role, ...place });
  return { username, password, displayName };
}
