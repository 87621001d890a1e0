import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '@app/observability';

/** Outcomes per channel and provider, and how long providers take to accept. */
@Injectable()
export class DeliveryMetrics {
  readonly outcomes: Counter<'channel' | 'provider' | 'outcome'>;
  readonly duration: Histogram<'channel' | 'provider'>;

  constructor(metrics: Metrics) {
    this.outcomes = new Counter({
      name: 'notification_deliveries_total',
      help: 'Delivery attempts by channel, provider and outcome (sent, failed, deferred, skipped, dead)',
      labelNames: ['channel', 'provider', 'outcome'],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'notification_provider_duration_seconds',
      help: 'Time a provider took to accept or refuse a message',
      labelNames: ['channel', 'provider'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [metrics.registry],
    });
  }
}
