import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import type { HealthIndicator } from '@app/observability';

export const REDIS = Symbol('REDIS');
export type RedisClient = Redis;

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    // Fail commands fast while Redis is away, instead of queueing them for ever.
    maxRetriesPerRequest: 2,
    enableAutoPipelining: true,
    lazyConnect: false,
  });
}

@Injectable()
export class RedisHealthIndicator implements HealthIndicator {
  readonly name = 'redis';
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async check(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${String(answer)}`);
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({})
export class RedisModule {
  static forRoot(url: string, name: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS, useFactory: () => createRedis(url, name) },
        RedisHealthIndicator,
        RedisCloser,
      ],
      exports: [REDIS, RedisHealthIndicator],
    };
  }
}
