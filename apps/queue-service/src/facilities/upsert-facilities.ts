import type { QueueDb } from '../database/queue-db';
import type { DemoFacility } from './demo/brebes';
import { writeFacility } from './upsert-facility/upsert-facility.usecase';

/** Writes facilities (and their outbox events) outside the running service, e.g. demo data. */
export async function upsertFacilities(db: QueueDb, facilities: DemoFacility[]): Promise<void> {
  for (const { code, ...f } of facilities) {
    await db.$transaction((tx) => writeFacility(tx, code, f, 'seed-demo'), {
      maxWait: 10_000,
      timeout: 30_000,
    });
  }
}
