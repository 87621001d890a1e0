import { Inject, Injectable, Logger } from '@nestjs/common';
import { IdentityCipher } from '@app/patient-data';
import { addressOf, redactAddress } from '../../contacts/contact-vault';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../../config';
import { NotificationDb } from '../../database/notification-db';
import type { Delivery, Notification } from '../../generated/prisma/client';
import { quietHoursEnd } from '../../scheduling/local-time';
import { ChannelRegistry } from '../channels/channel-registry';
import type { Address, Provider } from '../channels/provider';
import { ProviderError } from '../channels/provider';
import { retryDelayMs } from './backoff';
import { DeliveryMetrics } from './delivery-metrics';
import type { AttemptRecord, DeliveryStore } from './delivery-store';
import { RateLimiters } from './rate-limiter';
import { afterFailure, buildRoute } from './route';

type ClaimedDelivery = Delivery & { notification: Notification };

/**
 * One claimed delivery, one attempt: decides the route at send time (current contact and
 * preferences), holds non-critical messages during quiet hours, waits for the provider's rate
 * limit, sends, and settles it: sent only after the provider accepted; otherwise retry with
 * backoff, fail over, or dead-letter. Every outcome is logged as an attempt.
 */
@Injectable()
export class SendDelivery {
  private readonly logger = new Logger('SendDelivery');
  private readonly limiters: RateLimiters;

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly db: NotificationDb,
    private readonly channels: ChannelRegistry,
    private readonly metrics: DeliveryMetrics,
    private readonly cipher: IdentityCipher,
  ) {
    this.limiters = new RateLimiters(config.PROVIDER_RATE_PER_SEC);
  }

  async send(d: ClaimedDelivery, store: DeliveryStore): Promise<void> {
    const n = d.notification;
    const log = (
      p: Pick<Provider, 'channel' | 'name'> | null,
      rest: Omit<AttemptRecord, 'attempt' | 'channel' | 'provider'>,
    ) => {
      this.metrics.outcomes.inc({
        channel: p?.channel ?? 'none',
        provider: p?.name ?? 'none',
        outcome: rest.status,
      });
      return {
        attempt: d.attempts + 1,
        channel: p?.channel ?? 'none',
        provider: p?.name ?? 'none',
        ...rest,
      };
    };
    if (n.cancelledAt) {
      return store.skipped(
        d.id,
        log(null, { status: 'skipped', error: 'cancelled', durationMs: 0 }),
        'cancelled',
      );
    }
    const [contact, preference] = await Promise.all([
      this.db.contact.findUnique({ where: { recipient: d.recipient } }),
      this.db.preference.findUnique({ where: { recipient: d.recipient } }),
    ]);
    // The contact is opened only for an external message; in-app needs the recipient alone.
    let address: Address = {
      recipient: d.recipient,
      phone: null,
      email: null,
      pushSubscription: null,
    };
    if (d.kind === 'message') {
      try {
        address = addressOf(this.cipher, d.recipient, contact);
      } catch (e) {
        // Under a key no longer in the ring (removed before the rotation finished): retrying
        // cannot help. The reason names the key id, never the value.
        const error = `contact not readable: ${(e as Error).message}`;
        return store.skipped(
          d.id,
          log(null, { status: 'skipped', error, durationMs: 0 }),
          'skipped',
        );
      }
    }

    let steps: readonly Provider[];
    if (d.kind === 'in-app') {
      steps = [this.channels.inApp];
    } else {
      if (!d.critical) {
        const window = preference?.quietHours ?? this.config.QUIET_HOURS_DEFAULT;
        const until = quietHoursEnd(new Date(), window, this.config.TIMEZONE);
        if (until) {
          const entry = log(null, {
            status: 'deferred',
            error: `quiet hours until ${until.toISOString()}`,
            durationMs: 0,
          });
          return store.retry(d.id, entry, {
            attempts: d.attempts,
            step: d.step,
            stepFailures: d.stepFailures,
            notBefore: until,
          });
        }
      }
      const route = buildRoute(address, preference, this.config.CHANNEL_ORDER, (c) =>
        this.channels.providersOf(c),
      );
      if (route.kind === 'none') {
        return store.skipped(
          d.id,
          log(null, { status: 'skipped', error: route.reason, durationMs: 0 }),
          'skipped',
        );
      }
      steps = route.steps;
    }

    const provider = steps[d.step % steps.length];
    await this.limiters.acquire(provider.name);
    const started = Date.now();
    const message = {
      id: n.id,
      title: n.title,
      body: n.body,
      url: n.url,
      locale: n.locale,
      critical: n.critical,
    };
    try {
      await provider.send(message, address);
    } catch (e) {
      const durationMs = Date.now() - started;
      this.metrics.duration.observe(
        { channel: provider.channel, provider: provider.name },
        durationMs / 1000,
      );
      const permanent = e instanceof ProviderError && e.permanent;
      const error = redactAddress((e as Error).message, address).slice(0, 500);
      const next = afterFailure(
        d,
        steps.length,
        {
          maxAttempts: this.config.DISPATCH_MAX_ATTEMPTS,
          retriesPerProvider: this.config.DISPATCH_RETRIES_PER_PROVIDER,
        },
        permanent,
      );
      this.logger.warn(
        { deliveryId: d.id, provider: provider.name, err: error, next: next.kind },
        'delivery attempt failed',
      );
      if (next.kind === 'dead') {
        this.metrics.outcomes.inc({
          channel: provider.channel,
          provider: provider.name,
          outcome: 'dead',
        });
        return store.dead(
          d.id,
          d.attempts + 1,
          log(provider, { status: 'failed', error, durationMs }),
        );
      }
      const delay = next.backoff
        ? retryDelayMs(
            d.attempts + 1,
            this.config.DISPATCH_RETRY_BASE_MS,
            this.config.DISPATCH_RETRY_MAX_MS,
          )
        : 0;
      return store.retry(d.id, log(provider, { status: 'failed', error, durationMs }), {
        attempts: d.attempts + 1,
        step: next.step,
        stepFailures: next.stepFailures,
        notBefore: new Date(Date.now() + delay),
      });
    }
    const durationMs = Date.now() - started;
    this.metrics.duration.observe(
      { channel: provider.channel, provider: provider.name },
      durationMs / 1000,
    );
    await store.sent(d.id, d.attempts + 1, log(provider, { status: 'sent', durationMs }));
  }
}
