import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { loggingModule } from '@app/logging';
import { KafkaHealthIndicator, MessagingModule, kafkaSecurityOptions } from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { authModule } from './auth/auth.module';
import { PostgresHealthIndicator } from '@app/database';
import type { GatewayConfig } from './config';
import { DashboardController } from './dashboard/dashboard.controller';
import { DeskController } from './desk/desk.controller';
import { LiveEventsController } from './live/live-events.controller';
import { LiveGateway } from './live/live.gateway';
import { InAppRelay } from './live/in-app-relay';
import { LiveInbox } from './live/live-inbox';
import { LiveSubscriptions } from './live/live-subscriptions';
import { ReferralLiveInbox } from './live/referral-live-inbox';
import { PatientReferralsController } from './referrals/patient-referrals.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { TicketsController } from './tickets/tickets.controller';
import { gatewayOpenApiController } from './openapi/openapi';
import { controllersOf } from './auth/route-table';
import { UpstreamHealthIndicator } from './upstream/upstream.health';

export const SERVICE = 'gateway';
const QUEUE_HEALTH = 'QUEUE_SERVICE_HEALTH';
const REFERRAL_HEALTH = 'REFERRAL_SERVICE_HEALTH';
const NOTIFICATION_HEALTH = 'NOTIFICATION_SERVICE_HEALTH';

/** The gateway's own HTTP controllers (the access-matrix test walks these and the library ones). */
export const HTTP_CONTROLLERS = [
  TicketsController,
  DeskController,
  ReferralsController,
  PatientReferralsController,
  DashboardController,
];

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const upstreamHealth = [
      {
        provide: QUEUE_HEALTH,
        useValue: new UpstreamHealthIndicator('queue-service', config.QUEUE_SERVICE_URL),
      },
      {
        provide: REFERRAL_HEALTH,
        useValue: new UpstreamHealthIndicator('referral-service', config.REFERRAL_SERVICE_URL),
      },
      {
        provide: NOTIFICATION_HEALTH,
        useValue: new UpstreamHealthIndicator(
          'notification-service',
          config.NOTIFICATION_SERVICE_URL,
        ),
      },
    ];
    const upstreamHealthModule = {
      module: class UpstreamHealthModule {},
      global: true,
      providers: upstreamHealth,
      exports: upstreamHealth.map((p) => p.provide),
    };
    const controllers: Array<Type<unknown>> = [...HTTP_CONTROLLERS, LiveEventsController];
    const module: DynamicModule = {
      module: GatewayModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(
          config.KAFKA_BROKERS,
          config.KAFKA_CLIENT_ID ?? SERVICE,
          kafkaSecurityOptions(config),
        ),
        upstreamHealthModule,
        authModule(config),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
          QUEUE_HEALTH,
          REFERRAL_HEALTH,
          NOTIFICATION_HEALTH,
        ]),
      ],
      controllers,
      providers: [LiveSubscriptions, LiveGateway, LiveInbox, ReferralLiveInbox, InAppRelay],
    };
    // The document describes every route this module mounts, its own included.
    controllers.push(gatewayOpenApiController(() => controllersOf(module)));
    return module;
  }
}
