import webpush from 'web-push';
import { ProviderError, type Address, type OutgoingMessage, type Provider } from './provider';

export interface VapidKeys {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** Web push (VAPID) to the browser subscription the recipient registered. */
export class WebPushProvider implements Provider {
  readonly channel = 'web-push' as const;
  readonly name = 'web-push#1@vapid';

  constructor(
    private readonly vapid: VapidKeys,
    private readonly timeoutMs: number,
  ) {}

  canReach(address: Address): boolean {
    return address.pushSubscription !== null;
  }

  async send(message: OutgoingMessage, address: Address): Promise<void> {
    if (!address.pushSubscription) throw new ProviderError('no push subscription', true);
    try {
      await webpush.sendNotification(
        address.pushSubscription,
        JSON.stringify({
          id: message.id,
          title: message.title,
          body: message.body,
          url: message.url,
        }),
        {
          vapidDetails: this.vapid,
          TTL: 3600,
          timeout: this.timeoutMs,
          urgency: message.critical ? 'high' : 'normal',
          headers: { 'Idempotency-Key': message.id },
        },
      );
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      // 404/410: the subscription is gone for good.
      throw new ProviderError(
        `web-push: ${(e as Error).message}`,
        status === 404 || status === 410,
      );
    }
  }
}
