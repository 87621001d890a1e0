import type { IdentityCipher } from './identity-cipher';

/** How to reach a patient, as it travels sealed inside an event. */
export interface ContactDetails {
  phone?: string;
  email?: string;
}

const contextOf = (patientRef: string) => `event-contact:${patientRef}`;

/**
 * Seals a patient's phone and e-mail for the one consumer that needs them (notification-service,
 * which holds the key ring): Kafka, its retained log and every other consumer only ever see
 * ciphertext. Bound to the patientRef, so it cannot be moved to another patient's event.
 */
export function sealContact(
  cipher: IdentityCipher,
  patientRef: string,
  contact: ContactDetails,
): string | undefined {
  const clean: ContactDetails = {
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
  };
  if (!clean.phone && !clean.email) return undefined;
  return cipher.encrypt(JSON.stringify(clean), contextOf(patientRef));
}

/** Opens a sealed contact; throws when the key is unknown or the value was tampered with. */
export function openContact(
  cipher: IdentityCipher,
  patientRef: string,
  sealed: string,
): ContactDetails {
  const value = JSON.parse(cipher.decrypt(sealed, contextOf(patientRef))) as ContactDetails;
  return {
    ...(typeof value.phone === 'string' ? { phone: value.phone } : {}),
    ...(typeof value.email === 'string' ? { email: value.email } : {}),
  };
}
