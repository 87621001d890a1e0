import { Inject, Injectable } from '@nestjs/common';
import { REDIS, type RedisClient } from '@app/redis';
import { QueueDb } from '../../database/queue-db';

/**
 * Returns the next queue number of a poli on a day, or -1 when the counter is missing (Redis
 * restarted and lost it): the caller then seeds it from Postgres. INCR keeps concurrent bookings
 * distinct and consecutive without a lock.
 */
const NEXT_NUMBER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('INCR', KEYS[1])
`;

const COUNTER_TTL_SECONDS = 3 * 24 * 3600;

export interface NumberScope {
  facilityCode: string;
  poliCode: string;
  serviceDate: string;
}

@Injectable()
export class QueueNumberAllocator {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly db: QueueDb,
  ) {
    this.redis.defineCommand('queueNextNumber', { numberOfKeys: 1, lua: NEXT_NUMBER });
  }

  /** Numbers are per poli per day, so they restart at 1 each day and are never reused within it. */
  async next(scope: NumberScope): Promise<number> {
    const key = counterKey(scope);
    for (let attempt = 0; attempt < 3; attempt++) {
      const n = Number(await (this.redis as RedisWithScript).queueNextNumber(key));
      if (n > 0) return n;
      await this.seedFromHistory(key, scope);
    }
    throw new Error(`could not allocate a queue number for ${key}`);
  }

  /** After Redis lost the counter: continue from the highest number Postgres has recorded. */
  private async seedFromHistory(key: string, scope: NumberScope): Promise<void> {
    const result = await this.db.ticket.aggregate({
      _max: { queueNumber: true },
      where: {
        facilityCode: scope.facilityCode,
        poliCode: scope.poliCode,
        serviceDate: new Date(`${scope.serviceDate}T00:00:00Z`),
      },
    });
    const highest = result._max.queueNumber ?? 0;
    // NX: when several requests notice at once, the first seed wins and the others INCR after it.
    await this.redis.set(key, highest, 'EX', COUNTER_TTL_SECONDS, 'NX');
  }

  /** Moves the counter past `atLeast` (used when a number turned out to be taken already). */
  async skipPast(scope: NumberScope, atLeast: number): Promise<void> {
    const key = counterKey(scope);
    await this.redis.eval(
      `local v = tonumber(redis.call('GET', KEYS[1]) or '0'); if v < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end`,
      1,
      key,
      atLeast,
      COUNTER_TTL_SECONDS,
    );
  }
}

type RedisWithScript = RedisClient & { queueNextNumber(key: string): Promise<number> };

export function counterKey(scope: NumberScope): string {
  // The hash tag keeps one facility's keys on one Redis Cluster slot.
  return `queue:{${scope.facilityCode}}:${scope.serviceDate}:${scope.poliCode}:seq`;
}
