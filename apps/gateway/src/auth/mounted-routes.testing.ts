import type { Type } from '@nestjs/common';
import { GatewayModule } from '../app.module';
import type { GatewayConfig } from '../config';
import { controllersOf } from './route-table';

/** Enough of a config to build the module's metadata; nothing connects (for unit tests). */
const MODULE_ONLY_CONFIG = {
  GATEWAY_DATABASE_URL: 'postgresql://x@h/db',
  KAFKA_BROKERS: ['h:1'],
  REDIS_URL: 'redis://h',
  QUEUE_SERVICE_URL: 'http://q',
  REFERRAL_SERVICE_URL: 'http://r',
  NOTIFICATION_SERVICE_URL: 'http://n',
} as unknown as GatewayConfig;

/** Every controller the gateway module mounts: what Nest will route. */
export const mountedControllers = (): Array<Type<unknown>> =>
  controllersOf(GatewayModule.forRoot(MODULE_ONLY_CONFIG));
