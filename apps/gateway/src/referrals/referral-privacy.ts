/**
 * Lists of referrals (an FKTP's sent list, a hospital's inbox) stay on screens many people pass:
 * they show the patient's name and the last digits of each identifier only. The full record is one
 * referral's own read (`GET /api/v1/referrals/:id`), what a desk opens to register the patient.
 */
export function maskIdentifier(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0) return value;
  const visible = Math.min(4, Math.floor(value.length / 3));
  return '•'.repeat(value.length - visible) + value.slice(value.length - visible);
}

const IDENTIFIERS = ['nik', 'cardNumber', 'phone'] as const;

/** Masks NIK, card number and phone of every referral in a list answer; anything else unchanged. */
export function maskReferralList(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  return body.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) return item;
    const referral = item as { patient?: unknown };
    if (typeof referral.patient !== 'object' || referral.patient === null) return item;
    const patient = { ...(referral.patient as Record<string, unknown>) };
    for (const key of IDENTIFIERS) patient[key] = maskIdentifier(patient[key]);
    return { ...referral, patient };
  });
}
