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
    // Plain pg, not Prisma: the booking path's statements are its hottest (issue #9's profile).
    const { rows } = await this.db.pool.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO ticket (${cols.map(([c]) => c).join(', ')})
         VALUES (${placeholders.join(', ')})
         RETURNING id
       ), ${outbox.sql}${identitySql}
       SELECT id::text AS id FROM inserted`,
      [...cols.map(([, v]) => v), ...outbox.values, ...identityValues],
    );
    if (!rows[0]) throw new Error('ticket insert returned no row');
    return asInserted(t);
  }

  /**
   * The ticket an earlier request with this (scoped) Idempotency-Key made, and the patient's active
   * ticket at this poli on that day (with that doctor, when one is asked for): one round trip.
   */
  async findEarlier(q: {
    facilityCode: string;
    serviceDate: string;
    poliCode: string;
    patientRef: string;
    doctorCode?: string;
    idempotencyKey: string | null;
  }): Promise<{ earlier?: Ticket; same?: Ticket }> {
    const { rows } = await this.db.pool.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ticket
       WHERE idempotency_key = $1
          OR (facility_code = $2 AND service_date = $3::date AND poli_code = $4
              AND patient_ref = $5 AND status = ANY($6::text[])
              AND ($7::text IS NULL OR doctor_code = $7))
       LIMIT 2`,
      [
        q.idempotencyKey,
        q.facilityCode,
        q.serviceDate,
        q.poliCode,
        q.patientRef,
        [...ACTIVE_STATUSES],
        q.doctorCode ?? null,
      ],
    );
    const tickets = rows.map(ticketOf);
    const earlier = q.idempotencyKey
      ? tickets.find((t) => t.idempotencyKey === q.idempotencyKey)
      : undefined;
    return { earlier, same: tickets.find((t) => t !== earlier) };
  }
}

/**
 * Every column of a ticket, as plain pg returns them right: dates as text (pg would read a DATE at
 * local midnight), timestamps (UTC, without zone) turned into instants.
 */
const TICKET_COLUMNS = `id::text, booking_code, facility_code, poli_code, service_date::text,
  queue_number, display_number, patient_ref, source, status, doctor_code, practice_hours,
  patient_type, patient_kind, visit_type, reference_number, referral_id::text,
  station, current_poli, counter_code, priority, priority_reason,
  queued_at AT TIME ZONE 'UTC' AS queued_at, call_count,
  checked_in_at AT TIME ZONE 'UTC' AS checked_in_at, session_end AT TIME ZONE 'UTC' AS session_end,
  idempotency_key, request_hash, created_at AT TIME ZONE 'UTC' AS created_at`;

interface TicketRow {
  id: string;
  booking_code: string;
  facility_code: string;
  poli_code: string;
  service_date: string;
  queue_number: number;
  display_number: string;
  patient_ref: string;
  source: string;
  status: string;
  doctor_code: string | null;
  practice_hours: string | null;
  patient_type: string;
  patient_kind: string;
  visit_type: number | null;
  reference_number: string | null;
  referral_id: string | null;
  station: string | null;
  current_poli: string | null;
  counter_code: string | null;
  priority: boolean;
  priority_reason: string | null;
  queued_at: Date | null;
  call_count: number;
  checked_in_at: Date | null;
  session_end: Date | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Date;
}

/** A ticket row as Prisma's client would give it. */
export function ticketOf(r: TicketRow): Ticket {
  return {
    id: r.id,
    bookingCode: r.booking_code,
    facilityCode: r.facility_code,
    poliCode: r.poli_code,
    serviceDate: new Date(`${r.service_date}T00:00:00Z`),
    queueNumber: r.queue_number,
    displayNumber: r.display_number,
    patientRef: r.patient_ref,
    source: r.source,
    status: r.status,
    doctorCode: r.doctor_code,
    practiceHours: r.practice_hours,
    patientType: r.patient_type,
    patientKind: r.patient_kind,
    visitType: r.visit_type,
    referenceNumber: r.reference_number,
    referralId: r.referral_id,
    station: r.station,
    currentPoli: r.current_poli,
    counterCode: r.counter_code,
    priority: r.priority,
    priorityReason: r.priority_reason,
    queuedAt: r.queued_at,
    callCount: r.call_count,
    checkedInAt: r.checked_in_at,
    sessionEnd: r.session_end,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    createdAt: r.created_at,
  };
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
