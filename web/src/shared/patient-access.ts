import type { LiveAuth } from './auth-client';

/**
 * A patient's token for one booking (from the booking answer's `patientAccess`, or from the
 * one-time code), kept in sessionStorage `antrean.patient.<bookingCode>` per the auth contract.
 * Patient tokens are not refreshed: when one runs out the page asks for a new code.
 */
export interface PatientAccess {
  accessToken: string;
  accessTokenExpiresAt: string;
}

export const patientAccessKey = (bookingCode: string): string =>
  `antrean.patient.${bookingCode.toUpperCase()}`;

export function readPatientAccess(
  storage: Storage,
  bookingCode: string,
  now = Date.now(),
): PatientAccess | null {
  try {
    const parsed = JSON.parse(
      storage.getItem(patientAccessKey(bookingCode)) ?? 'null',
    ) as PatientAccess | null;
    if (!parsed?.accessToken || !(Date.parse(parsed.accessTokenExpiresAt) > now)) return null;
    return parsed;
  } catch {
    return null;
  }
}

export function savePatientAccess(
  storage: Storage,
  bookingCode: string,
  access: PatientAccess,
): void {
  storage.setItem(
    patientAccessKey(bookingCode),
    JSON.stringify({
      accessToken: access.accessToken,
      accessTokenExpiresAt: access.accessTokenExpiresAt,
    }),
  );
}

export function clearPatientAccess(storage: Storage, bookingCode: string): void {
  storage.removeItem(patientAccessKey(bookingCode));
}

/**
 * The ticket page's identity: the patient token on every call and ticket subscription. A refusal
 * (401, or an auth error on the socket) ends it, and the page offers the one-time code again.
 */
export class PatientAuth implements LiveAuth {
  constructor(
    private readonly access: PatientAccess,
    private readonly onLost: () => void,
    private readonly send: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.access.accessToken}`);
    const res = await this.send(input, { ...init, headers });
    if (res.status === 401) this.onLost();
    return res;
  }

  token(): Promise<string | null> {
    return Promise.resolve(this.access.accessToken);
  }

  refresh(): Promise<boolean> {
    return Promise.resolve(false);
  }

  denied(): void {
    this.onLost();
  }
}
