import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { periodic, type PeriodicJob } from '@app/messaging';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ExpireReferrals } from '../referrals/expire-referrals/expire-referrals.usecase';

/**
 * Runs the expiry sweep every EXPIRY_SWEEP_INTERVAL_MS (and once at start). Several instances may
 * sweep at once: the version guard on each referral makes the second one a no-op.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryScheduler');
  private sweeps?: PeriodicJob;

  constructor(
    private readonly expire: ExpireReferrals,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.EXPIRY_SWEEP_INTERVAL_MS;
    if (every === 0) return;
    this.sweeps = periodic('ExpiryScheduler', every, () => this.expire.execute(), {
      firstRunAfterMs: 5_000,
      onError: (e) => this.logger.error({ err: e }, 'expiry sweep failed'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeps?.stop();
  }
}
