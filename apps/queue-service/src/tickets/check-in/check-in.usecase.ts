import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueErrorCode } from '../../errors';
import type { Ticket } from '../../generated/prisma/client';
import { localTimeToInstant } from '../../schedules/schedule-resolver';
import { todayIn } from '../service-date';
import { ticketRefOf, TicketTransitions } from '../transitions/ticket-transitions';

/**
 * Check-in at the facility (checkinantrean): only on the day, within the window around the
 * session start. New patients join the admisi line (task 1), returning ones the poli line (task 3).
 */
@Injectable()
export class CheckIn {
  constructor(
    private readonly transitions: TicketTransitions,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  execute(bookingCode: string, correlationId: string): Promise<Ticket> {
    const now = new Date();
    return this.transitions.run(
      { correlationId, now },
      (tx) => this.transitions.lockByBookingCode(tx, bookingCode),
      (t) => {
        if (t.status !== 'booked') {
          throw new DomainError(
            QueueErrorCode.InvalidState,
            `Tiket ${t.displayNumber} sudah ${statusText(t.status)}.`,
          );
        }
        this.checkWindow(t, now);
        const station = t.patientKind === 'new' ? 'admisi' : 'poli';
        return {
          type: 'checked-in',
          station,
          tasks: [station === 'admisi' ? 1 : 3],
          update: {
            status: 'waiting',
            station,
            currentPoli: t.poliCode,
            queuedAt: now,
            checkedInAt: now,
          },
          events: (u) => [
            {
              type: EventTypes.TicketCheckedIn,
              payload: { ...ticketRefOf(u), checkedInAt: now.toISOString() },
            },
          ],
        };
      },
    );
  }

  private checkWindow(t: Ticket, now: Date): void {
    const date = t.serviceDate.toISOString().slice(0, 10);
    if (date !== todayIn(this.config.TIMEZONE, now)) {
      throw new DomainError(
        QueueErrorCode.CheckInNotToday,
        `Check-in hanya bisa pada tanggal periksa (${date}).`,
      );
    }
    const start = t.practiceHours?.slice(0, 5);
    if (!start) return;
    const startAt = localTimeToInstant(date, start, this.config.TIMEZONE).getTime();
    if (now.getTime() < startAt - this.config.CHECKIN_OPENS_MINUTES * 60_000) {
      throw new DomainError(
        QueueErrorCode.CheckInTooEarly,
        `Check-in dibuka ${this.config.CHECKIN_OPENS_MINUTES} menit sebelum jam praktik ${t.practiceHours}.`,
      );
    }
    if (now.getTime() > startAt + this.config.CHECKIN_LATE_MINUTES * 60_000) {
      throw new DomainError(
        QueueErrorCode.CheckInTooLate,
        `Check-in ditutup ${this.config.CHECKIN_LATE_MINUTES} menit setelah jam praktik dimulai. Silakan hubungi petugas.`,
      );
    }
  }
}

export function statusText(status: string): string {
  const texts: Record<string, string> = {
    booked: 'dipesan',
    waiting: 'check-in dan menunggu',
    called: 'dipanggil',
    serving: 'sedang dilayani',
    done: 'selesai dilayani',
    cancelled: 'dibatalkan',
    expired: 'kedaluwarsa',
    no_show: 'tidak hadir',
  };
  return texts[status] ?? status;
}
