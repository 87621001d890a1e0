import { Injectable } from '@nestjs/common';
import { outboxInsertCte, type OutboxMessage } from '@app/database';
import { QueueDb } from '../database/queue-db';
import type { SealedIdentity } from '../patient-identity/patient-identity';
import type { Ticket } from '../generated/prisma/client';

/** Statuses in which a ticket still holds its place (and its quota). */
export const ACTIVE_STATUSES = ['booked', 'waiting', 'called', 'serving'] as const;

export type NewTicket = Pick<
  Ticket,
  | 'id'
  | 'bookingCode'
  | 'facilityCode'
  | 'poliCode'
  | 'serviceDate'
  | 'queueNumber'
  | 'displayNumber'
  | 'patientRef'
  | 'source'
  | 'status'
  | 'doctorCode'
  | 'practiceHours'
  | 'patientType'
  | 'patientKind'
  | 'visitType'
  | 'referenceNumber'
  | 'referralId'
  | 'contactPhone'
  | 'priority'
  | 'priorityReason'
  | 'sessionEnd'
  | 'idempotencyKey'
  | 'requestHash'
  | 'createdAt'
>;

/** Column, value and SQL cast of every field a new ticket row is written with. */
function columnsOf(t: NewTicket): Array<[string, unknown, string]> {
  return [
    ['id', t.id, '::uuid'],
    ['booking_code', t.bookingCode, ''],
    ['facility_code', t.facilityCode, ''],
    ['poli_code', t.poliCode, ''],
    ['service_date', t.serviceDate.toISOString().slice(0, 10), '::date'],
    ['queue_number', t.queueNumber, '::int'],
    ['display_number', t.displayNumber, ''],
    ['patient_ref', t.patientRef, ''],
    ['source', t.source, ''],
    ['status', t.status, ''],
    ['doctor_code', t.doctorCode, ''],
    ['practice_hours', t.practiceHours, ''],
    ['patient_type', t.patientType, ''],
    ['patient_kind', t.patientKind, ''],
    ['visit_type', t.visitType, '::int'],
    ['reference_number', t.referenceNumber, ''],
    ['referral_id', t.referralId, '::uuid'],
    ['contact_phone', t.contactPhone, ''],
    ['priority', t.priority, '::boolean'],
    ['priority_reason', t.priorityReason, ''],
    ['session_end', t.sessionEnd?.toISOString() ?? null, "::timestamptz AT TIME ZONE 'UTC'"],
    ['idempotency_key', t.idempotencyKey, ''],
    ['request_hash', t.requestHash, ''],
    ['created_at', t.createdAt.toISOString(), "::timestamptz AT TIME ZONE 'UTC'"],
  ];
}

/**
 * Writes for tickets that must carry their event. One statement inserts the ticket and its outbox
 * row: atomic without an interactive transaction, so a burst of bookings waits for a pooled
 * connection instead of timing out while opening transactions.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly db: QueueDb) {}

  /**
   * Inserts the ticket, its outbox row and (when given) its encrypted patient identifiers in one
   * statement: a ticket never exists without the identity it was booked with.
   */
  async insertWithEvent(
    t: NewTicket,
    event: OutboxMessage,
    identity: SealedIdentity | null = null,
  ): Promise<Ticket> {
    const cols = columnsOf(t);
    const outbox = outboxInsertCte(event, cols.length + 1);
    const placeholders = cols.map(([, , cast], i) => `($${i + 1}${cast})`);
    const at = cols.length + outbox.values.length;
    const identitySql = identity
      ? `, identity AS (
           INSERT INTO patient_identity (ticket_id, key_id, nik, card_number, phone, norm)
           SELECT id, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5} FROM inserted
         )`
      : '';
    const identityValues = identity
      ? [identity.keyId, identity.nik, identity.cardNumber, identity.phone, identity.norm]
      : [];
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `WITH inserted AS (
         INSERT INTO ticket (${cols.map(([c]) => c).join(', ')})
         VALUES (${placeholders.join(', ')})
         RETURNING id
       ), ${outbox.sql}${identitySql}
       SELECT id::text AS id FROM inserted`,
      ...cols.map(([, v]) => v),
      ...outbox.values,
      ...identityValues,
    );
    if (!rows[0]) throw new Error('ticket insert returned no row');
    return asInserted(t);
  }
}

/** The row just inserted, without reading it back: the columns not written have no value yet. */
function asInserted(t: NewTicket): Ticket {
  return {
    ...t,
    station: null,
    currentPoli: null,
    counterCode: null,
    queuedAt: null,
    callCount: 0,
    checkedInAt: null,
  };
}

/** Which unique rule a failed insert broke, from the Postgres error text. */
export function violatedConstraint(e: unknown): string | null {
  const text = `${(e as Error)?.message ?? ''} ${JSON.stringify((e as { meta?: unknown })?.meta ?? {})}`;
  if (!/23505|unique constraint|Unique constraint/i.test(text)) return null;
  for (const name of [
    'ticket_active_patient_uq',
    'ticket_active_reference_uq',
    'ticket_idempotency_key_key',
    'ticket_booking_code_key',
    'ticket_facility_code_poli_code_service_date_queue_number_key',
  ]) {
    if (text.includes(name)) return name;
  }
  return 'unknown';
}
