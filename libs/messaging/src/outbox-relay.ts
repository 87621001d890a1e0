import type { Producer } from 'kafkajs';
import { EventHeader } from '@app/contracts';
import {
  pruneOutbox,
  relayOutboxBatch,
  type PendingOutboxRow,
  type TransactionalSql,
} from '@app/database';
import type { Metrics } from '@app/observability';
import { PollingLoop } from './polling-loop';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often the relay looks for rows nobody told it about (another instance, a restart). */
  idlePollMs?: number;
  /** Published rows are kept this long for inspection. */
  keepPublishedHours?: number;
}

/**
 * Publishes outbox rows to Kafka in commit order. Woken at once by `kick()` after a commit in this
 * process, and by a slow poll otherwise; failures (broker away) back off and retry, never drop.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly keepPublishedHours: number;
  private readonly loop: PollingLoop;
  private lastPrune = 0;

  constructor(
    private readonly db: TransactionalSql,
    private readonly producer: Producer,
    private readonly metrics?: Metrics,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.keepPublishedHours = options.keepPublishedHours ?? 24;
    this.loop = new PollingLoop({
      name: 'OutboxRelay',
      idleMs: options.idlePollMs ?? 500,
      failureMessage: 'outbox publish failed',
      busyWhen: (sent) => sent === this.batchSize,
      work: async () => {
        const sent = await this.publishOnce();
        await this.maybePrune();
        return sent;
      },
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Called after a transaction that wrote outbox rows has committed. */
  kick(): void {
    this.loop.kick();
  }

  /** Publishes everything pending now; used at shutdown and by tests. */
  async drain(): Promise<void> {
    while ((await this.publishOnce()) > 0) {
      /* keep going until empty */
    }
  }

  private publishOnce(): Promise<number> {
    return relayOutboxBatch(this.db, this.batchSize, (rows) => this.send(rows));
  }

  private async send(rows: PendingOutboxRow[]): Promise<void> {
    const byTopic = new Map<string, PendingOutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((row) => {
          const env = row.envelope as { type: string; version: number; correlationId: string };
          return {
            key: row.key,
            value: JSON.stringify(row.envelope),
            headers: {
              ...row.headers,
              [EventHeader.EventId]: row.id,
              [EventHeader.EventType]: env.type,
              [EventHeader.EventVersion]: String(env.version),
              [EventHeader.CorrelationId]: env.correlationId,
            },
          };
        }),
      })),
    });
    for (const row of rows) this.metrics?.eventsPublished.inc({ topic: row.topic, type: row.type });
  }

  private async maybePrune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await pruneOutbox(this.db, this.keepPublishedHours);
  }
}
