import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import { KafkaHealthIndicator, MessagingModule } from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './config';
import { NotificationDb } from './database/notification-db';
import { NotificationInbox } from './events/notification-inbox';
import { QueueTicketEventsController } from './events/queue-ticket-events.controller';
import { NotificationsController } from './notifications/list-notifications/notifications.controller';
import { RecordTicketBooked } from './notifications/record-ticket-booked/record-ticket-booked.usecase';

export const SERVICE = 'notification-service';

@Module({})
export class NotificationServiceModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationServiceModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(NotificationDb, () => new NotificationDb(config.NOTIFICATION_DATABASE_URL)),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(config.KAFKA_BROKERS, config.KAFKA_CLIENT_ID ?? SERVICE),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [NotificationsController, QueueTicketEventsController],
      providers: [
        { provide: NOTIFICATION_CONFIG, useValue: config },
        RecordTicketBooked,
        NotificationInbox,
      ],
    };
  }
}
