import { Injectable } from '@nestjs/common';
import { outboxInsertCte, type OutboxMessage } from '@app/database';
import { QueueDb } from '../database/queue-db';
import type { Ticket } from '../generated/prisma/client';

export type NewTicket = Omit<Ticket, 'createdAt'> & { createdAt: Date };

interface TicketRow {
  id: string;
  booking_code: string;
  facility_code: string;
  poli_code: string;
  service_date: Date;
  queue_number: number;
  display_number: string;
  patient_ref: string;
  source: string;
  status: string;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Date;
}

/**
 * Writes for tickets that must carry their event. One statement inserts the ticket and its outbox
 * row: atomic without an interactive transaction, so a burst of bookings waits for a pooled
 * connection instead of timing out while opening transactions.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly db: QueueDb) {}

  async insertWithEvent(t: NewTicket, event: OutboxMessage): Promise<Ticket> {
    const outbox = outboxInsertCte(event, 14);
    const rows = await this.db.$queryRawUnsafe<TicketRow[]>(
      `WITH inserted AS (
         INSERT INTO ticket (id, booking_code, facility_code, poli_code, service_date, queue_number,
           display_number, patient_ref, source, status, idempotency_key, request_hash, created_at)
         VALUES ($1::uuid, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12,
           ($13::timestamptz AT TIME ZONE 'UTC'))
         RETURNING *
       ), ${outbox.sql}
       SELECT * FROM inserted`,
      t.id,
      t.bookingCode,
      t.facilityCode,
      t.poliCode,
      t.serviceDate.toISOString().slice(0, 10),
      t.queueNumber,
      t.displayNumber,
      t.patientRef,
      t.source,
      t.status,
      t.idempotencyKey,
      t.requestHash,
      t.createdAt.toISOString(),
      ...outbox.values,
    );
    const row = rows[0];
    if (!row) throw new Error('ticket insert returned no row');
    return {
      id: row.id,
      bookingCode: row.booking_code,
      facilityCode: row.facility_code,
      poliCode: row.poli_code,
      serviceDate: row.service_date,
      queueNumber: row.queue_number,
      displayNumber: row.display_number,
      patientRef: row.patient_ref,
      source: row.source,
      status: row.status,
      idempotencyKey: row.idempotency_key,
      requestHash: row.request_hash,
      createdAt: t.createdAt,
    };
  }
}
