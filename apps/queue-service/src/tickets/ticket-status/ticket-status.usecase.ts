import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { Estimates } from '../../live/estimates';
import { LiveState } from '../../live/live-state';
import { QueueNumberAllocator } from '../numbering/queue-number.allocator';
import { ScheduleResolver } from '../../schedules/schedule-resolver';

/** sisaantrean: what a waiting patient wants to know, answered from the live state. */
export interface TicketStatus {
  bookingCode: string;
  displayNumber: string;
  status: string;
  station: string | null;
  poliCode: string;
  /** How many are before this ticket in its line (sisaantrean); null when not waiting. */
  ahead: number | null;
  /** antreanpanggil: the number now called for this poli at this station. */
  nowCalled: string | null;
  /** Estimated time of being called (estimasidilayani). */
  estimatedCallAt: string | null;
  /** Estimated minutes of waiting (waktutunggu). */
  estimatedWaitMinutes: number | null;
  remainingQuota: { jkn: number; nonJkn: number } | null;
}

@Injectable()
export class TicketStatusQuery {
  constructor(
    private readonly db: QueueDb,
    private readonly live: LiveState,
    private readonly estimates: Estimates,
    private readonly numbers: QueueNumberAllocator,
    private readonly schedules: ScheduleResolver,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async execute(bookingCode: string): Promise<TicketStatus> {
    const t = await this.db.ticket.findUnique({ where: { bookingCode } });
    if (!t)
      throw new DomainError(
        QueueErrorCode.TicketNotFound,
        `Tiket dengan kode booking ${bookingCode} tidak ditemukan.`,
      );
    const date = t.serviceDate.toISOString().slice(0, 10);
    const poli = t.currentPoli ?? t.poliCode;
    const station = t.station ?? (t.patientKind === 'new' ? 'admisi' : 'poli');
    let ahead = await this.live.ahead(t);
    if (t.status === 'booked') {
      // Not checked in yet: everyone of this poli and day with a lower number still to be served.
      ahead = await this.db.ticket.count({
        where: {
          facilityCode: t.facilityCode,
          serviceDate: t.serviceDate,
          poliCode: t.poliCode,
          queueNumber: { lt: t.queueNumber },
          status: { in: ['booked', 'waiting'] },
        },
      });
    }
    const called = (await this.live.nowCalled(t.facilityCode, date)).filter(
      (c) => c.station === station && c.poliCode === poli,
    );
    const counters = Math.max(1, called.length);
    const minutes = await this.estimates.serviceMinutes(t.facilityCode, date, station, poli);
    const wait = ahead === null ? null : Math.round(((ahead + 1) * minutes) / counters);
    return {
      bookingCode: t.bookingCode,
      displayNumber: t.displayNumber,
      status: t.status,
      station: t.station,
      poliCode: poli,
      ahead,
      nowCalled: called.at(-1)?.displayNumber ?? null,
      estimatedCallAt: wait === null ? null : new Date(Date.now() + wait * 60_000).toISOString(),
      estimatedWaitMinutes: wait,
      remainingQuota: await this.remainingQuota(
        t.facilityCode,
        t.poliCode,
        date,
        t.doctorCode,
        t.practiceHours,
      ),
    };
  }

  private async remainingQuota(
    facilityCode: string,
    poliCode: string,
    date: string,
    doctorCode: string | null,
    practiceHours: string | null,
  ): Promise<{ jkn: number; nonJkn: number } | null> {
    if (!doctorCode || !practiceHours) return null;
    const session = (await this.schedules.sessionsFor(facilityCode, poliCode, date)).find(
      (s) => s.doctorCode === doctorCode && s.practiceHours === practiceHours,
    );
    if (!session) return null;
    const scope = { facilityCode, poliCode, serviceDate: date, doctorCode, practiceHours };
    const [jkn, nonJkn] = await Promise.all([
      this.numbers.remaining({ ...scope, patientType: 'JKN', limit: session.quotaJkn }),
      this.numbers.remaining({ ...scope, patientType: 'NON_JKN', limit: session.quotaNonJkn }),
    ]);
    void this.config;
    return { jkn, nonJkn };
  }
}
