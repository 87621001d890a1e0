import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { REDIS, type RedisClient } from '@app/redis';
import { NOTIFICATION_CONFIG, type MessageChannel, type NotificationConfig } from '../../config';
import { HttpGatewayProvider } from './http-gateway.provider';
import { InAppProvider } from './in-app.provider';
import type { Provider } from './provider';
import { SmtpProvider } from './smtp.provider';
import { WebPushProvider } from './web-push.provider';

/** The configured providers of every channel, in failover order. A channel without any is off. */
@Injectable()
export class ChannelRegistry implements OnApplicationShutdown {
  readonly inApp: Provider;
  private readonly byChannel: ReadonlyMap<MessageChannel, Provider[]>;

  constructor(
    @Inject(NOTIFICATION_CONFIG) config: NotificationConfig,
    @Inject(REDIS) redis: RedisClient,
  ) {
    const t = config.PROVIDER_TIMEOUT_MS;
    this.inApp = new InAppProvider(redis);
    const vapid =
      config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY
        ? [
            new WebPushProvider(
              {
                subject: config.VAPID_SUBJECT,
                publicKey: config.VAPID_PUBLIC_KEY,
                privateKey: config.VAPID_PRIVATE_KEY,
              },
              t,
            ),
          ]
        : [];
    this.byChannel = new Map<MessageChannel, Provider[]>([
      ['email', config.SMTP_URLS.map((u, i) => new SmtpProvider(u, i, config.SMTP_FROM, t))],
      ['sms', config.SMS_GATEWAY_URLS.map((u, i) => new HttpGatewayProvider('sms', u, i, t))],
      [
        'whatsapp',
        config.WHATSAPP_GATEWAY_URLS.map((u, i) => new HttpGatewayProvider('whatsapp', u, i, t)),
      ],
      ['web-push', vapid],
    ]);
  }

  providersOf(channel: MessageChannel): readonly Provider[] {
    return this.byChannel.get(channel) ?? [];
  }

  enabledChannels(): MessageChannel[] {
    return [...this.byChannel].filter(([, p]) => p.length > 0).map(([c]) => c);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const list of this.byChannel.values()) for (const p of list) await p.close?.();
  }
}
