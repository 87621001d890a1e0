import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PollingLoop } from '@app/messaging';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../../config';
import { NotificationDb } from '../../database/notification-db';
import { ChannelRegistry } from '../channels/channel-registry';
import { SendDelivery } from './send-delivery';
import { DeliveryStore } from './delivery-store';

/**
 * Sends what the consumer recorded, outside any Kafka or database transaction: polls due
 * deliveries (claimed with FOR UPDATE SKIP LOCKED and a lease), sends them with bounded
 * concurrency, and is woken at once when the consumer commits new ones.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dispatcher');
  private readonly store: DeliveryStore;
  private readonly loop: PollingLoop;

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    db: NotificationDb,
    private readonly sender: SendDelivery,
    private readonly channels: ChannelRegistry,
  ) {
    this.store = new DeliveryStore(db);
    this.loop = new PollingLoop({
      name: 'Dispatcher',
      logger: this.logger,
      idleMs: config.DISPATCH_POLL_MS,
      failureMessage: 'dispatch failed',
      busyWhen: (claimed) => claimed === config.DISPATCH_BATCH_SIZE,
      work: () => this.dispatchOnce(),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.DISPATCHER_ENABLED) return;
    this.logger.log({ channels: this.channels.enabledChannels() }, 'dispatcher started');
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** New deliveries were committed: look now rather than at the next poll. */
  kick(): void {
    this.loop.kick();
  }

  /** Claims and sends one batch; returns how many were claimed. */
  async dispatchOnce(): Promise<number> {
    const ids = await this.store.claim(
      this.config.DISPATCH_BATCH_SIZE,
      this.config.DISPATCH_LEASE_MS,
    );
    if (ids.length === 0) return 0;
    const queue = await this.store.load(ids);
    const worker = async (): Promise<void> => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        try {
          await this.sender.send(d, this.store);
        } catch (e) {
          // Database away while settling: the lease runs out and the row is taken again.
          this.logger.warn({ deliveryId: d.id, err: (e as Error).message }, 'settling failed');
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.DISPATCH_CONCURRENCY, queue.length) }, worker),
    );
    return ids.length;
  }
}
