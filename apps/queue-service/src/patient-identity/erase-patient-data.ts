import { Inject, Injectable } from '@nestjs/common';
import { RetentionJob } from '@app/patient-data';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { QueueDb } from '../database/queue-db';

/** Ticket statuses after which nothing needs the patient's identifiers any more. */
export const CLOSED_TICKET_STATUSES = ['done', 'cancelled', 'expired', 'no_show'] as const;

@Injectable()
export class ErasePatientData extends RetentionJob {
  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) config: QueueConfig,
  ) {
    super(config);
  }

  /** Tickets are closed on a service date: the cutoff is a day. */
  protected describeCutoff(cutoff: Date): string {
    return cutoff.toISOString().slice(0, 10);
  }

  protected eraseBatch(cutoff: Date, limit: number): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Array<{ ticket_id: string; fields: string[] }>>(
        `WITH due AS (
             SELECT pi.ticket_id FROM patient_identity pi JOIN ticket t ON t.id = pi.ticket_id
             WHERE t.status = ANY($1::text[]) AND t.service_date < $2::date
             ORDER BY pi.ticket_id LIMIT $3 FOR UPDATE OF pi SKIP LOCKED)
           DELETE FROM patient_identity pi USING due WHERE pi.ticket_id = due.ticket_id
           RETURNING pi.ticket_id::text AS ticket_id,
             array_remove(ARRAY[
               CASE WHEN pi.nik IS NOT NULL THEN 'nik' END,
               CASE WHEN pi.card_number IS NOT NULL THEN 'cardNumber' END,
               CASE WHEN pi.phone IS NOT NULL THEN 'phone' END,
               CASE WHEN pi.norm IS NOT NULL THEN 'norm' END], NULL) AS fields`,
        [...CLOSED_TICKET_STATUSES],
        this.describeCutoff(cutoff),
        limit,
      );
      if (rows.length > 0) {
        await tx.identityAccess.createMany({
          data: rows.map((r) => ({
            ticketId: r.ticket_id,
            accessor: 'retention-job',
            purpose: 'erase',
            fields: r.fields,
          })),
        });
      }
      return rows.length;
    });
  }
}
