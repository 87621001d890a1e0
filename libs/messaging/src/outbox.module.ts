import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { TransactionalSql } from '@app/database';
import { Metrics } from '@app/observability';
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

/** Runs a service's outbox relay for the life of the app. `db` is the token of its Prisma client. */
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
        OutboxRelayLifecycle,
      ],
      exports: [OutboxRelay],
    };
  }
}
