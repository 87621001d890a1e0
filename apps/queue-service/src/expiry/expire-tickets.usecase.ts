import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { periodic, type PeriodicJob } from '@app/messaging';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { QueueDb } from '../database/queue-db';
import { todayIn } from '../tickets/service-date';
import { ticketRefOf, TicketTransitions } from '../tickets/transitions/ticket-transitions';

/**
 * Bookings never checked in expire when their session ends, and anyone still in a line expires at
 * the end of their day (task 99). Runs periodically, and on demand for operators and tests.
 */
@Injectable()
export class ExpireTickets implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpireTickets');
  private sweeps?: PeriodicJob;

  constructor(
    private readonly db: QueueDb,
    private readonly transitions: TicketTransitions,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EXPIRY_SWEEP_SECONDS <= 0) return;
    this.sweeps = periodic(
      'ExpireTickets',
      this.config.EXPIRY_SWEEP_SECONDS * 1000,
      () => this.run(new Date()),
      {
        onError: (e) => this.logger.warn({ err: (e as Error).message }, 'expiry sweep failed'),
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeps?.stop();
  }

  /** Expires what is due at `now`; returns how many tickets expired. */
  async run(now: Date): Promise<number> {
    const due = await this.db.$queryRawUnsafe<Array<{ booking_code: string }>>(
      `SELECT booking_code FROM ticket
       WHERE (status = 'booked' AND session_end IS NOT NULL AND session_end < ($1::timestamptz AT TIME ZONE 'UTC'))
          OR (status IN ('booked', 'waiting', 'called') AND service_date < ($1::timestamptz AT TIME ZONE $2)::date)
       ORDER BY service_date, queue_number LIMIT 1000`,
      now.toISOString(),
      this.config.TIMEZONE,
    );
    let expired = 0;
    for (const { booking_code } of due) {
      await this.transitions.run(
        { correlationId: `expiry-${now.toISOString()}`, now },
        (tx) => this.transitions.lockByBookingCode(tx, booking_code),
        (t) => {
          const day = t.serviceDate.toISOString().slice(0, 10) < todayIn(this.config.TIMEZONE, now);
          const due =
            (t.status === 'booked' && t.sessionEnd && t.sessionEnd < now) ||
            (day && ['booked', 'waiting', 'called'].includes(t.status));
          if (!due) return null;
          expired += 1;
          return {
            type: 'expired',
            tasks: [99],
            update: { status: 'expired', counterCode: null },
            events: (u) => [
              {
                type: EventTypes.TicketExpired,
                payload: { ...ticketRefOf(u), at: now.toISOString() },
              },
            ],
          };
        },
      );
    }
    return expired;
  }
}
