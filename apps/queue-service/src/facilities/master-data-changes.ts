import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { REDIS, type RedisClient } from '@app/redis';
import { ScheduleResolver } from '../schedules/schedule-resolver';
import { PoliDirectory } from './poli-directory';

/** Redis pub/sub channel on which instances announce a facility whose master data changed. */
export const MASTER_DATA_CHANNEL = 'queue-service:master-data-changed';

/**
 * Each instance caches master data briefly (schedules, absences, polis). After a committed change,
 * every instance forgets its copy of that facility, not only the one that made the change: a
 * booking on another instance must not use a schedule or miss an absence declared a moment ago.
 * If the announcement is lost (Redis away), the caches' short TTLs still bound the staleness.
 */
@Injectable()
export class MasterDataChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MasterDataChanges');
  private subscriber?: RedisClient;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly schedules: ScheduleResolver,
    private readonly polis: PoliDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A connection in subscriber mode can do nothing else: a copy of the shared client's settings.
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, facilityCode: string) =>
      this.forget(facilityCode),
    );
    // Redis away at start must not stop the service: the caches' TTLs bound staleness meanwhile.
    await this.subscriber
      .subscribe(MASTER_DATA_CHANNEL)
      .catch((e: Error) =>
        this.logger.warn({ err: e.message }, 'not listening for master-data changes'),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Call after the change is committed: forgets here at once and tells the other instances. */
  async changed(facilityCode: string): Promise<void> {
    this.forget(facilityCode);
    try {
      await this.redis.publish(MASTER_DATA_CHANNEL, facilityCode);
    } catch (e) {
      this.logger.warn(
        { facilityCode, err: (e as Error).message },
        'could not announce a master-data change; other instances catch up when their caches expire',
      );
    }
  }

  private forget(facilityCode: string): void {
    this.schedules.invalidate(facilityCode);
    this.polis.invalidate(facilityCode);
  }
}
