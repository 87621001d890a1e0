import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import { KafkaHealthIndicator, MessagingModule, OutboxModule } from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { QUEUE_CONFIG, type QueueConfig } from './config';
import { QueueDb } from './database/queue-db';
import { FacilitiesController } from './facilities/facilities.controller';
import { PoliDirectory } from './facilities/poli-directory';
import { BookTicket } from './tickets/book-ticket/book-ticket.usecase';
import { QueueNumberAllocator } from './tickets/numbering/queue-number.allocator';
import { ReadTicket } from './tickets/read-ticket/read-ticket.usecase';
import { TicketRepository } from './tickets/ticket.repository';
import { TicketsController } from './tickets/tickets.controller';

const SERVICE = 'queue-service';

@Module({})
export class QueueServiceModule {
  static forRoot(config: QueueConfig): DynamicModule {
    return {
      module: QueueServiceModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(QueueDb, () => new QueueDb(config.QUEUE_DATABASE_URL)),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(config.KAFKA_BROKERS, config.KAFKA_CLIENT_ID ?? SERVICE),
        OutboxModule.forRoot(QueueDb),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [TicketsController, FacilitiesController],
      providers: [
        { provide: QUEUE_CONFIG, useValue: config },
        PoliDirectory,
        QueueNumberAllocator,
        TicketRepository,
        BookTicket,
        ReadTicket,
      ],
    };
  }
}
