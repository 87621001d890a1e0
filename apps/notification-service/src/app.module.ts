import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import { ContactCipher, IdentityCipher } from '@app/patient-data';
import { KafkaHealthIndicator, MessagingModule, kafkaSecurityOptions } from '@app/messaging';
import {
  HealthController,
  HealthModule,
  MetricsController,
  MetricsModule,
} from '@app/observability';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { OpenApiController } from './api/openapi.controller';
import { ContactSealer } from './contacts/contact-sealer';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './config';
import { NotificationDb } from './database/notification-db';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DirectMessageController } from './direct-messages/direct-message.controller';
import { ChannelRegistry } from './delivery/channels/channel-registry';
import { DeliveryMetrics } from './delivery/dispatcher/delivery-metrics';
import { Dispatcher } from './delivery/dispatcher/dispatcher';
import { SendDelivery } from './delivery/dispatcher/send-delivery';
import { NotificationEventsController } from './events/notification-events.controller';
import { NotificationInbox } from './events/notification-inbox';
import { NotificationsController } from './notifications/list-notifications/notifications.controller';
import { RecordNotifications } from './notifications/record-notifications/record-notifications.usecase';
import { TemplatesController } from './notifications/templates/templates.controller';
import { RecipientsController } from './recipients/recipients.controller';

export const SERVICE = 'notification-service';

/** HTTP controllers of this app (the OpenAPI test holds the document against them and these). */
export const HTTP_CONTROLLERS = [
  NotificationsController,
  RecipientsController,
  DeadLettersController,
  TemplatesController,
  DirectMessageController,
  OpenApiController,
];
/** Controllers the shared modules bring in. */
export const SHARED_HTTP_CONTROLLERS = [HealthController, MetricsController];

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
        MessagingModule.forRoot(
          config.KAFKA_BROKERS,
          config.KAFKA_CLIENT_ID ?? SERVICE,
          kafkaSecurityOptions(config),
        ),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [...HTTP_CONTROLLERS, NotificationEventsController],
      providers: [
        { provide: NOTIFICATION_CONFIG, useValue: config },
        {
          provide: ContactCipher,
          useFactory: () => new ContactCipher(config.CONTACT_ENCRYPTION_KEYS),
        },
        {
          provide: IdentityCipher,
          useFactory: () => new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS),
        },
        ContactSealer,
        RecordNotifications,
        NotificationInbox,
        ChannelRegistry,
        DeliveryMetrics,
        SendDelivery,
        Dispatcher,
      ],
    };
  }
}
