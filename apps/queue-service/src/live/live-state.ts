import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS, type RedisClient } from '@app/redis';
import { QueueDb } from '../database/queue-db';
import type { Ticket } from '../generated/prisma/client';

/** What a counter has called right now. */
export interface NowCalled {
  counterCode: string;
  ticketId: string;
  displayNumber: string;
  station: string;
  poliCode: string;
  status: string;
  at: string;
}

const TTL_SECONDS = 2 * 24 * 3600;
const key = (f: string, d: string, rest: string) => `queue:{${f}}:${d}:${rest}`;
const waitKey = (f: string, d: string, station: string, poli: string) =>
  key(f, d, `wait:${station}:${poli}`);

/** Priority first, then time of joining the line; equal times by number. */
function scoreOf(t: Pick<Ticket, 'priority' | 'queuedAt' | 'queueNumber'>): number {
  return (t.priority ? 0 : 1) * 1e13 + (t.queuedAt?.getTime() ?? 0) + t.queueNumber / 1e4;
}

/**
 * The live queues in Redis: who waits where in which order, and what each counter has called.
 * Postgres is the record; this is its projection for fast reads, rebuilt from Postgres when Redis
 * lost it (a `ready` marker per facility and day tells).
 */
@Injectable()
export class LiveState {
  private readonly logger = new Logger('LiveState');

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly db: QueueDb,
  ) {}

  /** Makes sure the projection of a facility's day exists; rebuilds it from Postgres if not. */
  async ensure(facilityCode: string, serviceDate: string): Promise<void> {
    if (await this.redis.exists(key(facilityCode, serviceDate, 'ready'))) return;
    await this.rebuild(facilityCode, serviceDate);
  }

  async rebuild(facilityCode: string, serviceDate: string): Promise<void> {
    const tickets = await this.db.ticket.findMany({
      where: {
        facilityCode,
        serviceDate: new Date(`${serviceDate}T00:00:00Z`),
        status: { in: ['waiting', 'called', 'serving'] },
      },
    });
    const tx = this.redis.multi();
    const stale = await this.redis.smembers(key(facilityCode, serviceDate, 'waitkeys'));
    if (stale.length) tx.del(...stale);
    tx.del(key(facilityCode, serviceDate, 'called'));
    for (const t of tickets) this.stage(tx, t);
    tx.set(key(facilityCode, serviceDate, 'ready'), String(Date.now()), 'EX', TTL_SECONDS);
    await tx.exec();
    this.logger.log(
      { facilityCode, serviceDate, tickets: tickets.length },
      'live state rebuilt from Postgres',
    );
  }

  /** Mirrors a ticket's committed state into the projection. */
  async apply(t: Ticket, previousCounter?: string | null): Promise<void> {
    const date = t.serviceDate.toISOString().slice(0, 10);
    await this.ensure(t.facilityCode, date);
    const tx = this.redis.multi();
    // Out of every line first: a ticket waits in at most one.
    for (const k of await this.redis.smembers(key(t.facilityCode, date, 'waitkeys')))
      tx.zrem(k, t.id);
    if (previousCounter && previousCounter !== t.counterCode)
      tx.hdel(key(t.facilityCode, date, 'called'), previousCounter);
    this.stage(tx, t);
    await tx.exec();
  }

  private stage(tx: ReturnType<RedisClient['multi']>, t: Ticket): void {
    const date = t.serviceDate.toISOString().slice(0, 10);
    const poli = t.currentPoli ?? t.poliCode;
    if (t.status === 'waiting' && t.station) {
      const k = waitKey(t.facilityCode, date, t.station, poli);
      tx.zadd(k, scoreOf(t), t.id);
      tx.expire(k, TTL_SECONDS);
      tx.sadd(key(t.facilityCode, date, 'waitkeys'), k);
      tx.expire(key(t.facilityCode, date, 'waitkeys'), TTL_SECONDS);
    }
    if ((t.status === 'called' || t.status === 'serving') && t.counterCode) {
      const called: NowCalled = {
        counterCode: t.counterCode,
        ticketId: t.id,
        displayNumber: t.displayNumber,
        station: t.station ?? 'poli',
        poliCode: poli,
        status: t.status,
        at: new Date().toISOString(),
      };
      tx.hset(key(t.facilityCode, date, 'called'), t.counterCode, JSON.stringify(called));
      tx.expire(key(t.facilityCode, date, 'called'), TTL_SECONDS);
    }
  }

  /** How many are ahead of a waiting ticket at its station (0 = next). */
  async ahead(t: Ticket): Promise<number | null> {
    if (t.status !== 'waiting' || !t.station) return null;
    const date = t.serviceDate.toISOString().slice(0, 10);
    await this.ensure(t.facilityCode, date);
    const rank = await this.redis.zrank(
      waitKey(t.facilityCode, date, t.station, t.currentPoli ?? t.poliCode),
      t.id,
    );
    return rank;
  }

  async waitingCount(
    facilityCode: string,
    serviceDate: string,
    station: string,
    poliCode: string,
  ): Promise<number> {
    await this.ensure(facilityCode, serviceDate);
    return this.redis.zcard(waitKey(facilityCode, serviceDate, station, poliCode));
  }

  async nextUp(
    facilityCode: string,
    serviceDate: string,
    station: string,
    poliCode: string,
    n: number,
  ): Promise<string[]> {
    await this.ensure(facilityCode, serviceDate);
    return this.redis.zrange(waitKey(facilityCode, serviceDate, station, poliCode), 0, n - 1);
  }

  /**
   * Waiting tickets per facility and station on a day, from the projection alone (no rebuild: a
   * metric must not load Postgres). At most `maxFacilities` facilities, to bound the cost.
   */
  async waitingPerStation(
    serviceDate: string,
    maxFacilities: number,
  ): Promise<Array<{ facility: string; station: string; waiting: number }>> {
    const pattern = key('*', serviceDate, 'waitkeys');
    const setKeys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      setKeys.push(...found);
    } while (cursor !== '0' && setKeys.length < maxFacilities);
    const totals = new Map<string, { facility: string; station: string; waiting: number }>();
    for (const setKey of setKeys.slice(0, maxFacilities)) {
      const facility = /^queue:\{([^}]+)\}:/.exec(setKey)?.[1];
      if (!facility) continue;
      const lines = await this.redis.smembers(setKey);
      const sizes = await Promise.all(lines.map((k) => this.redis.zcard(k)));
      const prefix = key(facility, serviceDate, 'wait:');
      lines.forEach((line, i) => {
        if (!line.startsWith(prefix)) return;
        const station = line.slice(prefix.length).split(':')[0];
        const id = `${facility}/${station}`;
        const entry = totals.get(id) ?? { facility, station, waiting: 0 };
        entry.waiting += sizes[i];
        totals.set(id, entry);
      });
    }
    return [...totals.values()];
  }

  async nowCalled(facilityCode: string, serviceDate: string): Promise<NowCalled[]> {
    await this.ensure(facilityCode, serviceDate);
    const all = await this.redis.hgetall(key(facilityCode, serviceDate, 'called'));
    return Object.values(all)
      .map((v) => JSON.parse(v) as NowCalled)
      .sort((a, b) => a.counterCode.localeCompare(b.counterCode));
  }
}
