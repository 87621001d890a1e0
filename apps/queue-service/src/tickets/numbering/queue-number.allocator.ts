import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { REDIS, type RedisClient } from '@app/redis';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';

/**
 * Takes one place of a session's quota and the poli's next number, atomically: a booking gets
 * both or neither, so numbers stay consecutive and the quota is never exceeded under concurrency.
 * Returns -1 when a counter is missing (Redis lost its data) so it is seeded from Postgres first,
 * -2 when the quota is used up.
 */
const TAKE_PLACE = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
if tonumber(redis.call('GET', KEYS[2])) >= tonumber(ARGV[1]) then return -2 end
redis.call('INCR', KEYS[2])
return redis.call('INCR', KEYS[1])
`;

const TTL_SECONDS = 3 * 24 * 3600;

export interface NumberScope {
  facilityCode: string;
  poliCode: string;
  serviceDate: string;
}

export interface QuotaScope extends NumberScope {
  doctorCode: string;
  practiceHours: string;
  patientType: 'JKN' | 'NON_JKN';
  limit: number;
}

type RedisWithScript = RedisClient & {
  queueTakePlace(n: string, q: string, limit: number): Promise<number>;
};

@Injectable()
export class QueueNumberAllocator {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly db: QueueDb,
  ) {
    this.redis.defineCommand('queueTakePlace', { numberOfKeys: 2, lua: TAKE_PLACE });
  }

  /** The next number for a booking within `quota`; throws QUEUE.QUOTA_EXHAUSTED when full. */
  async take(quota: QuotaScope): Promise<number> {
    const numberKey = counterKey(quota);
    const usedKey = quotaKey(quota);
    for (let attempt = 0; attempt < 3; attempt++) {
      const n = Number(
        await (this.redis as RedisWithScript).queueTakePlace(numberKey, usedKey, quota.limit),
      );
      if (n > 0) return n;
      if (n === -2) {
        throw new DomainError(
          QueueErrorCode.QuotaExhausted,
          `Kuota ${quota.patientType === 'JKN' ? 'JKN' : 'non-JKN'} untuk jadwal ${quota.practiceHours} pada ${quota.serviceDate} sudah habis.`,
          { limit: quota.limit },
        );
      }
      await this.seed(quota);
    }
    throw new Error(`could not allocate a queue number for ${numberKey}`);
  }

  /** Gives back a quota place (cancellation, or a booking that failed after taking it). */
  async release(quota: Omit<QuotaScope, 'limit'>): Promise<void> {
    await this.redis.eval(
      `if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`,
      1,
      quotaKey(quota),
    );
  }

  async remaining(quota: QuotaScope): Promise<number> {
    let used = await this.redis.get(quotaKey(quota));
    if (used === null) {
      await this.seed(quota);
      used = await this.redis.get(quotaKey(quota));
    }
    return Math.max(0, quota.limit - Number(used ?? 0));
  }

  /** After Redis lost its data: the number continues from Postgres' highest, quota from its count. */
  private async seed(q: QuotaScope): Promise<void> {
    const serviceDate = new Date(`${q.serviceDate}T00:00:00Z`);
    const [max, used] = await Promise.all([
      this.db.ticket.aggregate({
        _max: { queueNumber: true },
        where: { facilityCode: q.facilityCode, poliCode: q.poliCode, serviceDate },
      }),
      this.db.ticket.count({
        where: {
          facilityCode: q.facilityCode,
          serviceDate,
          doctorCode: q.doctorCode,
          practiceHours: q.practiceHours,
          patientType: q.patientType,
          status: { notIn: ['cancelled'] },
        },
      }),
    ]);
    // NX: when several requests notice at once, the first seed wins and the others go on from it.
    await this.redis
      .multi()
      .set(counterKey(q), max._max.queueNumber ?? 0, 'EX', TTL_SECONDS, 'NX')
      .set(quotaKey(q), used, 'EX', TTL_SECONDS, 'NX')
      .exec();
  }
}

export function counterKey(scope: NumberScope): string {
  // The hash tag keeps one facility's keys on one Redis Cluster slot.
  return `queue:{${scope.facilityCode}}:${scope.serviceDate}:${scope.poliCode}:seq`;
}

export function quotaKey(q: Omit<QuotaScope, 'limit'>): string {
  return `queue:{${q.facilityCode}}:${q.serviceDate}:quota:${q.doctorCode}:${q.practiceHours}:${q.patientType}`;
}
