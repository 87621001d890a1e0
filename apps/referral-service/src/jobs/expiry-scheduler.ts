import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ExpireReferrals } from '../referrals/expire-referrals/expire-referrals.usecase';

/**
 * Runs the expiry sweep every EXPIRY_SWEEP_INTERVAL_MS (and once at start). Several instances may
 * sweep at once: the version guard on each referral makes the second one a no-op.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly expire: ExpireReferrals,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.EXPIRY_SWEEP_INTERVAL_MS;
    if (every === 0) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.expire
        .execute()
        .catch((e: unknown) => this.logger.error({ err: e }, 'expiry sweep failed'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, every);
    this.timer.unref();
    setTimeout(tick, 5_000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
