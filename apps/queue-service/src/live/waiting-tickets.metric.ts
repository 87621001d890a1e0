import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics, sampledCollect } from '@app/observability';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { todayIn } from '../tickets/service-date';
import { LiveState } from './live-state';

/** Facilities reported at most: one series per facility and station keeps the metric bounded. */
const MAX_FACILITIES = 500;

/** `queue_waiting_tickets{facility,station}`: today's live queues, read from Redis at scrape time. */
@Injectable()
export class WaitingTicketsMetric {
  readonly metric: Gauge<'facility' | 'station'>;

  constructor(metrics: Metrics, live: LiveState, @Inject(QUEUE_CONFIG) config: QueueConfig) {
    this.metric = new Gauge({
      name: 'queue_waiting_tickets',
      help: 'Tickets waiting today per facility and station (live projection in Redis)',
      labelNames: ['facility', 'station'],
      registers: [metrics.registry],
      collect: sampledCollect(
        async () =>
          (await live.waitingPerStation(todayIn(config.TIMEZONE), MAX_FACILITIES)).map((w) => ({
            labels: { facility: w.facility, station: w.station },
            value: w.waiting,
          })),
        { name: 'queue_waiting_tickets', minIntervalMs: 1_000 },
      ),
    });
  }
}
