import { RedisChannel, type InAppNotificationMessage } from '@app/contracts';
import type { RedisClient } from '@app/redis';
import type { Address, OutgoingMessage, Provider } from './provider';

/** Redis channel the gateway listens on to push in-app notifications over its WebSocket. */
export const IN_APP_CHANNEL = RedisChannel.InAppNotifications;

/** In-app: the notification row is the stored copy; this pushes it live to the recipient's sessions. */
export class InAppProvider implements Provider {
  readonly channel = 'in-app' as const;
  readonly name = 'in-app#1@redis';

  constructor(private readonly redis: RedisClient) {}

  canReach(): boolean {
    return true;
  }

  async send(message: OutgoingMessage, address: Address): Promise<void> {
    await this.redis.publish(
      IN_APP_CHANNEL,
      JSON.stringify({
        recipient: address.recipient,
        notification: {
          id: message.id,
          title: message.title,
          body: message.body,
          url: message.url,
        },
      } satisfies InAppNotificationMessage),
    );
  }
}
