import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { outboxBacklog, type TransactionalSql } from '@app/database';
import { Gauge } from 'prom-client';
import { Metrics, sampledCollect } from '@app/observability';
import { OutboxRelay } from './outbox-relay';
import { KAFKA_PRODUCER } from './messaging.module';

@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}
  onApplicationBootstrap(): void {
    this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** `outbox_backlog`: rows written and not yet published, counted at scrape time. */
export function outboxBacklogGauge(db: TransactionalSql, metrics: Metrics): Gauge {
  return new Gauge({
    name: 'outbox_backlog',
    help: 'Outbox rows of this service not yet published to Kafka',
    registers: [metrics.registry],
    collect: sampledCollect(async () => [{ labels: {}, value: await outboxBacklog(db) }], {
      name: 'outbox_backlog',
    }),
  });
}

const OUTBOX_BACKLOG = Symbol('OUTBOX_BACKLOG');

/**
 * Runs a service's outbox relay for the life of the app, and exports its backlog. `db` is the
 * token of its Prisma client.
 */
@Module({})
export class OutboxModule {
  static forRoot(db: string | symbol | Function): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        {
          provide: OutboxRelay,
          useFactory: (sql: TransactionalSql, producer: Producer, metrics: Metrics) =>
            new OutboxRelay(sql, producer, metrics),
          inject: [db as never, KAFKA_PRODUCER, Metrics],
        },
        {
          provide: OUTBOX_BACKLOG,
          useFactory: (sql: TransactionalSql, metrics: Metrics) => outboxBacklogGauge(sql, metrics),
          inject: [db as never, Metrics],
        },
        OutboxRelayLifecycle,
      ],
      exports: [OutboxRelay],
    };
  }
}
