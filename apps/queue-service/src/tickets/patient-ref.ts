import { createHmac } from 'node:crypto';

export type PatientIdentifier = { kind: 'nik'; value: string } | { kind: 'card'; value: string };

/**
 * A stable pseudonym for a patient: HMAC of the identifier. Events and logs carry this, never the
 * NIK or card number; staff can still find a patient by typing the NIK, which hashes the same.
 */
export function patientRefOf(id: PatientIdentifier, secret: string): string {
  return (
    'p_' +
    createHmac('sha256', secret).update(`${id.kind}:${id.value}`).digest('base64url').slice(0, 32)
  );
}
