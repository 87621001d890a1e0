import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { inAppNotificationMessage, RedisChannel } from '@app/contracts';
import { REDIS } from '@app/redis';
import { inboxChannel, LiveSubscriptions } from './live-subscriptions';

/**
 * Pushes in-app notifications (published by notification-service on Redis) to the recipient's
 * open sessions. The stored copy stays readable over notification-service's API, so a message
 * published while nobody is connected is not lost, only not pushed.
 */
@Injectable()
export class InAppRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InAppRelay');
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly subscriptions: LiveSubscriptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A connection in subscriber mode can do nothing else: a copy of the shared client's settings.
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, raw: string) => this.relay(raw));
    await this.subscriber.subscribe(RedisChannel.InAppNotifications);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private relay(raw: string): void {
    let parsed;
    try {
      parsed = inAppNotificationMessage.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.logger.warn('ignored a malformed in-app notification message');
      return;
    }
    const { recipient, notification } = parsed.data;
    this.subscriptions.publish(
      inboxChannel(recipient),
      JSON.stringify({ event: 'notification', data: notification }),
    );
  }
}
