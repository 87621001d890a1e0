import { Inject, Injectable } from '@nestjs/common';
import { RetentionJob } from '@app/patient-data';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ReferralDb } from '../database/referral-db';

/** Statuses a referral never leaves (rujuk balik may still follow `completed`: it needs no identifiers). */
export const CLOSED_REFERRAL_STATUSES = [
  'declined',
  'completed',
  'back_referred',
  'cancelled',
  'expired',
] as const;
/**
 * Retention: empties the identifier columns (NIK, card number, phone, name) of referrals closed
 * more than PATIENT_DATA_RETENTION_DAYS ago, and the name in the copies of their `referral.sent`
 * event kept in the outbox and the webhook deliveries. Number, patientRef, diagnosis, dates and
 * statuses stay (RRNS and every statistic). Each erasure is audited (`identity_access`, action
 * `erase`, accessor `retention-job`). Idempotent: erased rows carry `identity_erased_at` and are
 * not picked again; several instances skip each other's rows (SKIP LOCKED).
 */
@Injectable()
export class ErasePatientData extends RetentionJob {
  constructor(
    private readonly db: ReferralDb,
    @Inject(REFERRAL_CONFIG) config: ReferralConfig,
  ) {
    super(config);
  }

  /** Referrals close at an instant (their last update). */
  protected describeCutoff(cutoff: Date): string {
    return cutoff.toISOString();
  }

  protected eraseBatch(cutoff: Date, limit: number, now: Date): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Array<{ id: string; fields: string[] }>>(
        `WITH due AS (
             SELECT id, patient_nik, patient_card_number, patient_phone, patient_name FROM referral
             WHERE status = ANY($1::text[]) AND updated_at < $2 AND identity_erased_at IS NULL
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
           UPDATE referral r SET patient_nik = NULL, patient_card_number = NULL,
             patient_phone = NULL, patient_name = '', identity_key_id = NULL,
             identity_erased_at = $4
           FROM due WHERE r.id = due.id
           RETURNING r.id::text AS id, array_remove(ARRAY[
             CASE WHEN due.patient_nik IS NOT NULL THEN 'nik' END,
             CASE WHEN due.patient_card_number IS NOT NULL THEN 'cardNumber' END,
             CASE WHEN due.patient_phone IS NOT NULL THEN 'phone' END,
             CASE WHEN due.patient_name <> '' THEN 'name' END], NULL) AS fields`,
        [...CLOSED_REFERRAL_STATUSES],
        cutoff,
        limit,
        now,
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      // The referral.sent copies kept for replay and webhooks carry the name (and, before
      // contacts were sealed, the phone): their patient part goes too.
      await tx.$executeRawUnsafe(
        `UPDATE outbox_event SET envelope = jsonb_set(envelope, '{payload,patient}', '{"name":""}')
           WHERE type = 'referral.sent' AND envelope #>> '{payload,referralId}' = ANY($1::text[])`,
        ids,
      );
      await tx.$executeRawUnsafe(
        `UPDATE webhook_delivery
           SET body = jsonb_set(body::jsonb, '{payload,patient}', '{"name":""}')::text
           WHERE event_type = 'referral.sent' AND referral_id = ANY($1::uuid[])`,
        ids,
      );
      await tx.identityAccess.createMany({
        data: rows.map((r) => ({
          referralId: r.id,
          accessor: 'retention-job',
          action: 'erase',
          purpose: 'retention',
          fields: r.fields,
        })),
      });
      return rows.length;
    });
  }
}
