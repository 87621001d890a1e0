import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  outboxBacklog,
  pgPoolConfigFromUrl,
  relayOutboxBatch,
  type PendingOutboxRow,
  type RawSql,
  type TransactionalSql,
} from '@app/database';
import { TEST_DATABASES, testDatabaseUrl } from '@app/testing';

/** A schema of this file's own with a copy of queue-service's outbox table: no other rows in it. */
const SCHEMA = `outbox_order_${randomUUID().slice(0, 8)}`;

/** The relay's SQL interface over one plain pg connection, in this file's schema. */
function sqlOver(client: Client): TransactionalSql {
  const raw: RawSql = {
    $executeRawUnsafe: async (query, ...values) =>
      (await client.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as T,
  };
  return {
    ...raw,
    $transaction: async (fn) => {
      await client.query('BEGIN');
      try {
        const result = await fn(raw);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
  };
}

/**
 * One relay round that found rows. The relays of a database take turns through an advisory lock,
 * so a round can find it taken by a service another test file left running: try again shortly.
 */
async function relayRound(
  client: Client,
  publish: (rows: PendingOutboxRow[]) => Promise<void>,
): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const n = await relayOutboxBatch(sqlOver(client), 100, publish);
    if (n > 0 || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const insert = (c: Client, id: string) =>
  c.query(
    `INSERT INTO outbox_event (id, topic, key, type, envelope) VALUES ($1, 't', 'k', 'x', '{}')`,
    [id],
  );

/**
 * The classic transactional-outbox pitfall: sequence numbers are taken at insert, rows become
 * visible at commit, so a later seq can commit first. A relay that remembers "published up to
 * seq N" skips the earlier row for ever; this one must not.
 */
describe('outbox relay with transactions committing out of sequence order', () => {
  const url = testDatabaseUrl(TEST_DATABASES.queue);
  const clients = [0, 1, 2].map(() => new Client(pgPoolConfigFromUrl(url)));
  const [slow, fast, relay] = clients;

  beforeAll(async () => {
    await Promise.all(clients.map((c) => c.connect()));
    await relay.query(`CREATE SCHEMA ${SCHEMA}`);
    await relay.query(
      `CREATE TABLE ${SCHEMA}.outbox_event (LIKE public.outbox_event INCLUDING ALL)`,
    );
    // LIKE copies the seq default, which still names public's sequence: give the copy its own.
    await relay.query(`CREATE SEQUENCE ${SCHEMA}.outbox_event_seq`);
    await relay.query(
      `ALTER TABLE ${SCHEMA}.outbox_event ALTER COLUMN seq SET DEFAULT nextval('${SCHEMA}.outbox_event_seq')`,
    );
    await Promise.all(clients.map((c) => c.query(`SET search_path TO ${SCHEMA}`)));
  });

  afterAll(async () => {
    await relay.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await Promise.all(clients.map((c) => c.end()));
  });

  it('publishes a row whose transaction commits after a later-numbered one was published', async () => {
    const published: PendingOutboxRow[] = [];
    const publish = (rows: PendingOutboxRow[]) => {
      published.push(...rows);
      return Promise.resolve();
    };
    const early = randomUUID();
    const late = randomUUID();

    await slow.query('BEGIN');
    await insert(slow, early); // takes the lower seq, not committed yet
    await insert(fast, late); // higher seq, committed at once

    expect(await relayRound(relay, publish)).toBe(1);
    expect(published.map((r) => r.id)).toEqual([late]);

    await slow.query('COMMIT');
    expect(await relayRound(relay, publish)).toBe(1);
    expect(published.map((r) => r.id)).toEqual([late, early]);
    expect(BigInt(published[1].seq)).toBeLessThan(BigInt(published[0].seq));
    expect(await outboxBacklog(sqlOver(relay))).toBe(0);
  });

  it('leaves rows unpublished when sending fails, and sends them on the next round', async () => {
    const id = randomUUID();
    await insert(fast, id);
    await expect(relayRound(relay, () => Promise.reject(new Error('broker away')))).rejects.toThrow(
      'broker away',
    );
    expect(await outboxBacklog(sqlOver(relay))).toBe(1);

    const sent: string[] = [];
    await relayRound(relay, (rows) => {
      sent.push(...rows.map((r) => r.id));
      return Promise.resolve();
    });
    expect(sent).toEqual([id]);
    expect(await outboxBacklog(sqlOver(relay))).toBe(0);
  });
});
