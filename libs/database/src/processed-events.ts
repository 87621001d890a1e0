import type { RawSql } from './raw-sql';

/**
 * Records that `consumer` has applied event `eventId`, inside the transaction that applies it.
 * Returns false when it was already recorded: a redelivery, which must have no second effect.
 */
export async function markProcessed(
  tx: RawSql,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
    consumer,
    eventId,
  );
  return inserted === 1;
}
