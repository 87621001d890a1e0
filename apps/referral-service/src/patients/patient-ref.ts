import { createHmac } from 'node:crypto';

export type PatientIdentifier = { kind: 'nik'; value: string } | { kind: 'card'; value: string };

/**
 * The same pseudonym queue-service derives (HMAC of `nik:` or `card:` + the number), so a referral's
 * patient and the hospital ticket booked for it are the same patientRef. Needs the same secret.
 */
export function patientRefOf(id: PatientIdentifier, secret: string): string {
  return (
    'p_' +
    createHmac('sha256', secret).update(`${id.kind}:${id.value}`).digest('base64url').slice(0, 32)
  );
}
