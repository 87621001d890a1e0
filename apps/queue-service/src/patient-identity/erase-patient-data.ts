import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { periodic, type PeriodicJob } from '@app/messaging';
import { retentionCutoff, type ErasureResult } from '@app/patient-data';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { QueueDb } from '../database/queue-db';

/** Ticket statuses after which nothing needs the patient's identifiers any more. */
export const CLOSED_TICKET_STATUSES = ['done', 'cancelled', 'expired', 'no_show'] as const;
const BATCH = 500;

/**
 * Retention: deletes the sealed identifiers (`patient_identity`) of tickets closed on a service date
 * more than PATIENT_DATA_RETENTION_DAYS ago. The ticket, its patientRef and every statistic stay.
 * Each erasure leaves an audit row (`identity_access`, accessor `retention-job`). Idempotent: an
 * erased ticket has no identity row left, so a second run finds nothing; several instances skip
 * each other's rows (SKIP LOCKED).
 */
@Injectable()
export class ErasePatientData implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ErasePatientData');
  private job?: PeriodicJob;

  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.PATIENT_DATA_RETENTION_INTERVAL_MS;
    if (every === 0) return;
    this.job = periodic('ErasePatientData', every, () => this.run(), {
      firstRunAfterMs: 10_000,
      onError: (e) => this.logger.warn({ err: (e as Error).message }, 'retention run failed'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  async run(now: Date = new Date()): Promise<ErasureResult> {
    const cutoff = retentionCutoff(now, this.config.PATIENT_DATA_RETENTION_DAYS);
    const day = cutoff.toISOString().slice(0, 10);
    let erased = 0;
    for (;;) {
      const n = await this.db.$transaction(async (tx) => {
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
          day,
          BATCH,
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
      erased += n;
      if (n < BATCH) break;
    }
    if (erased > 0) this.logger.log({ erased, cutoff: day }, 'patient identifiers erased');
    return { erased, cutoff: day };
  }
}
