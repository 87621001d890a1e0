import type { RawSql } from '@app/database';
import type { PlannedCall } from './to-antrol';

/** Stores a call in the inbox transaction; the same call twice (a replay) is stored once. */
export async function enqueueCall(tx: RawSql, c: PlannedCall): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO antrol_call (facility_code, kodebooking, kind, task_id, dedupe_key, path, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (facility_code, kodebooking, dedupe_key) DO NOTHING`,
    c.facilityCode,
    c.kodebooking,
    c.kind,
    c.taskId,
    c.dedupeKey,
    c.path,
    JSON.stringify(c.body),
  );
}
