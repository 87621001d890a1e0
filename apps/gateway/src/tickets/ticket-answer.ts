/**
 * queue-service answers a booking and a ticket read with the ticket's patientRef (its HMAC
 * pseudonym) for the gateway to put in the patient token; browsers get the ticket without it.
 */

/** The patientRef of a ticket answer from queue-service, or null when it carries none. */
export function patientRefOf(ticket: { patientRef?: unknown } | null): string | null {
  return typeof ticket?.patientRef === 'string' && ticket.patientRef !== ''
    ? ticket.patientRef
    : null;
}

/** A ticket answer as browsers get it: without the patient's pseudonym (clients do not need it). */
export function browserTicket(ticket: unknown): unknown {
  if (ticket === null || typeof ticket !== 'object' || Array.isArray(ticket)) return ticket;
  const rest: Record<string, unknown> = { ...ticket };
  delete rest.patientRef;
  return rest;
}
