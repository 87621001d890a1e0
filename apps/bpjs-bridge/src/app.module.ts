import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import { KafkaHealthIndicator, MessagingModule, kafkaSecurityOptions } from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { AntrolSender } from './antrol/antrol-sender';
import { AntrolViewController } from './antrol/antrol-view.controller';
import { QueueIdentityClient } from './antrol/queue-identity.client';
import { BRIDGE_CONFIG, type BridgeConfig } from './config';
import { CredentialsController } from './credentials/credentials.controller';
import { BridgeDb } from './database/bridge-db';
import { BridgeInbox } from './events/bridge-inbox';
import { QueueTicketEventsController } from './events/queue-ticket-events.controller';
import { OpenApiController } from './openapi';

export const SERVICE = 'bpjs-bridge';

/** Every HTTP controller of the service (the OpenAPI test walks this list). */
export const HTTP_CONTROLLERS = [CredentialsController, AntrolViewController, OpenApiController];

@Module({})
export class BridgeModule {
  static forRoot(config: BridgeConfig): DynamicModule {
    return {
      module: BridgeModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(BridgeDb, () => new BridgeDb(config.BPJS_BRIDGE_DATABASE_URL)),
        MessagingModule.forRoot(
          config.KAFKA_BROKERS,
          config.KAFKA_CLIENT_ID ?? SERVICE,
          kafkaSecurityOptions(config),
        ),
        HealthModule.forRoot(SERVICE, [PostgresHealthIndicator, KafkaHealthIndicator]),
      ],
      controllers: [...HTTP_CONTROLLERS, QueueTicketEventsController],
      providers: [
        { provide: BRIDGE_CONFIG, useValue: config },
        AntrolSender,
        QueueIdentityClient,
        BridgeInbox,
      ],
    };
  }
}
