import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import { KafkaHealthIndicator, MessagingModule, OutboxModule } from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { REFERRAL_CONFIG, type ReferralConfig } from './config';
import { ReferralDb } from './database/referral-db';
import { QueueTicketEventsController } from './events/queue-ticket-events.controller';
import { ReferralInbox } from './events/referral-inbox';
import { CountBookedTicket } from './hospital-load/count-booked-ticket.usecase';
import { HospitalLoadController } from './hospital-load/hospital-load.controller';

export const SERVICE = 'referral-service';

@Module({})
export class ReferralServiceModule {
  static forRoot(config: ReferralConfig): DynamicModule {
    return {
      module: ReferralServiceModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(ReferralDb, () => new ReferralDb(config.REFERRAL_DATABASE_URL)),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(config.KAFKA_BROKERS, config.KAFKA_CLIENT_ID ?? SERVICE),
        OutboxModule.forRoot(ReferralDb),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [HospitalLoadController, QueueTicketEventsController],
      providers: [{ provide: REFERRAL_CONFIG, useValue: config }, CountBookedTicket, ReferralInbox],
    };
  }
}
