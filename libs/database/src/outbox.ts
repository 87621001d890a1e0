import type { RawSql, TransactionalSql } from './raw-sql';

/** One row to publish; the envelope is stored as it will travel. */
export interface OutboxMessage {
  id: string;
  topic: string;
  key: string;
  type: string;
  envelope: unknown;
  /** Extra Kafka headers to send with the event: the W3C trace context of the writing request. */
  headers?: Record<string, string>;
}

export interface PendingOutboxRow extends Omit<OutboxMessage, 'headers'> {
  seq: bigint;
  headers?: Record<string, string> | null;
}

/** Stored as jsonb; null when there is nothing to carry. */
function headersJson(m: OutboxMessage): string | null {
  return m.headers && Object.keys(m.headers).length > 0 ? JSON.stringify(m.headers) : null;
}

/**
 * Writes events in the same transaction as the state change they describe (transactional outbox).
 * Tables are named `outbox_event` in every service's own schema.
 */
export async function appendToOutbox(tx: RawSql, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((m, i) => {
    values.push(m.id, m.topic, m.key, m.type, JSON.stringify(m.envelope), headersJson(m));
    const b = i * 6;
    return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6}::jsonb)`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, topic, key, type, envelope, headers) VALUES ${rows.join(', ')}`,
    ...values,
  );
}

/** Any fixed number: the relays of one service take turns through this advisory lock. */
const RELAY_LOCK = 7_315_001;

/**
 * Claims the oldest unpublished rows, lets `publish` send them, and marks them published, all in
 * one transaction under an advisory lock, so only one relay instance publishes at a time and the
 * order of rows is the order on Kafka. A crash after sending and before commit republishes the
 * rows: consumers deduplicate by event id.
 */
export async function relayOutboxBatch(
  db: TransactionalSql,
  limit: number,
  publish: (rows: PendingOutboxRow[]) => Promise<void>,
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<Array<{ ok: boolean }>>(
        'SELECT pg_try_advisory_xact_lock($1) AS ok',
        RELAY_LOCK,
      );
      if (!lock?.ok) return 0;
      const rows = await tx.$queryRawUnsafe<PendingOutboxRow[]>(
        `SELECT seq, id::text AS id, topic, key, type, envelope, headers FROM outbox_event
         WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        limit,
      );
      if (rows.length === 0) return 0;
      await publish(rows);
      await tx.$executeRawUnsafe(
        'UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1::bigint[])',
        rows.map((r) => r.seq.toString()),
      );
      return rows.length;
    },
    { timeout: 30_000, maxWait: 5_000 },
  );
}

/** Unpublished rows: a range scan of the (published_at, seq) index. */
export async function outboxBacklog(db: RawSql): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
    'SELECT count(*)::bigint AS n FROM outbox_event WHERE published_at IS NULL',
  );
  return Number(row?.n ?? 0);
}

/** Published rows are kept a while for inspection, then removed. */
export async function pruneOutbox(db: RawSql, olderThanHours: number): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM outbox_event WHERE published_at < now() - make_interval(hours => $1)`,
    olderThanHours,
  );
}

/**
 * The outbox insert as a data-modifying CTE, for writing a state change and its event in one SQL
 * statement (atomic, one round trip, no interactive transaction holding a pooled connection).
 * Parameters are numbered from `firstParam`.
 */
export function outboxInsertCte(
  message: OutboxMessage,
  firstParam: number,
  name = 'outbox_insert',
): { sql: string; values: unknown[] } {
  const p = (i: number) => `$${firstParam + i}`;
  return {
    sql: `${name} AS (INSERT INTO outbox_event (id, topic, key, type, envelope, headers)
      VALUES (${p(0)}::uuid, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::jsonb, ${p(5)}::jsonb))`,
    values: [
      message.id,
      message.topic,
      message.key,
      message.type,
      JSON.stringify(message.envelope),
      headersJson(message),
    ],
  };
}
