import { Inject, Injectable } from '@nestjs/common';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { TtlCache } from '../cache/ttl-cache';
import { QueueDb } from '../database/queue-db';

/** An average of the last 20 services moves slowly; bookings spread over many polis revisit rarely. */
const CACHE_MS = 5 * 60_000;
const SAMPLE = 20;

/** Service-start and service-end task of each station, to measure how long a patient takes there. */
const SERVICE_TASKS: Record<string, [number, number]> = {
  admisi: [2, 3],
  poli: [4, 5],
  farmasi: [6, 7],
};

/**
 * Minutes a patient takes at a station, learned from the facility's own recent service times (the
 * last 20 services there over the past week), not a constant; the configured default until there
 * is history. Cached: status reads and bookings are the hottest paths.
 */
@Injectable()
export class Estimates {
  private readonly cache = new TtlCache<number>(CACHE_MS);

  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  serviceMinutes(
    facilityCode: string,
    serviceDate: string,
    station: string,
    poliCode: string,
  ): Promise<number> {
    return this.cache.get(`${facilityCode}/${station}/${poliCode}`, () =>
      this.learn(facilityCode, serviceDate, station, poliCode),
    );
  }

  private async learn(
    facilityCode: string,
    serviceDate: string,
    station: string,
    poliCode: string,
  ): Promise<number> {
    const [startTask, endTask] = SERVICE_TASKS[station] ?? [4, 5];
    const rows = await this.db.$queryRawUnsafe<Array<{ avg_seconds: number | null }>>(
      `SELECT avg(seconds)::float AS avg_seconds FROM (
         SELECT extract(epoch FROM e.at - s.at) AS seconds
         FROM ticket t
         JOIN ticket_task s ON s.ticket_id = t.id AND s.task_id = $3
         JOIN ticket_task e ON e.ticket_id = t.id AND e.task_id = $4
         WHERE t.facility_code = $1 AND COALESCE(t.current_poli, t.poli_code) = $2
           AND t.service_date BETWEEN ($5::date - 7) AND $5::date
         ORDER BY e.at DESC LIMIT ${SAMPLE}) recent`,
      facilityCode,
      poliCode,
      startTask,
      endTask,
      serviceDate,
    );
    const learned = rows[0]?.avg_seconds;
    return learned && learned > 0 ? learned / 60 : this.config.DEFAULT_SERVICE_MINUTES;
  }
}
