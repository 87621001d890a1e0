import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { MASTER_DATA_TTL_MS, TtlCache } from '../cache/ttl-cache';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';

export interface ResolvedSession {
  scheduleId: string;
  doctorCode: string;
  doctorName: string;
  poliCode: string;
  /** jampraktek, e.g. 08:00-12:00 */
  practiceHours: string;
  start: string;
  end: string;
  quotaJkn: number;
  quotaNonJkn: number;
}

/** 1 = Senin … 7 = Minggu, as BPJS numbers days. */
export function bpjsDayOfWeek(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The instant a local wall-clock time on a date happens in a time zone (e.g. 08:00 WIB). */
export function localTimeToInstant(isoDate: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${isoDate}T${hhmm}:00Z`);
  const parts = wallClockFormat(timeZone).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}

/**
 * Finds the practice session a booking is for: the doctor's schedule for that day (day 8 on a
 * holiday), refusing absent doctors. Without a doctor, the poli's first session with quota left.
 * Master data changes rarely; bookings read it on every request, so it is cached: every instance
 * forgets a changed facility at once (MasterDataChanges), the TTL only bounds a lost announcement.
 */
@Injectable()
export class ScheduleResolver {
  private readonly sessionCache = new TtlCache<ResolvedSession[]>(MASTER_DATA_TTL_MS);
  private readonly absenceCache = new TtlCache<Map<string, string>>(MASTER_DATA_TTL_MS);

  constructor(private readonly db: QueueDb) {}

  /** Forgets what this instance cached of a facility (after its master data or absences changed). */
  invalidate(facilityCode: string): void {
    this.sessionCache.deletePrefix(`${facilityCode}/`);
    this.absenceCache.deletePrefix(`${facilityCode}/`);
  }

  sessionsFor(facilityCode: string, poliCode: string, isoDate: string): Promise<ResolvedSession[]> {
    return this.sessionCache.get(`${facilityCode}/${poliCode}/${isoDate}`, () =>
      this.loadSessions(facilityCode, poliCode, isoDate),
    );
  }

  private absences(facilityCode: string, isoDate: string): Promise<Map<string, string>> {
    return this.absenceCache.get(`${facilityCode}/${isoDate}`, () =>
      this.db.doctorAbsence
        .findMany({ where: { facilityCode, date: new Date(`${isoDate}T00:00:00Z`) } })
        .then((rows) => new Map(rows.map((a) => [a.doctorCode, a.reason]))),
    );
  }

  private async loadSessions(
    facilityCode: string,
    poliCode: string,
    isoDate: string,
  ): Promise<ResolvedSession[]> {
    const date = new Date(`${isoDate}T00:00:00Z`);
    const holiday = await this.db.holiday.findUnique({
      where: { facilityCode_date: { facilityCode, date } },
    });
    const day = holiday ? 8 : bpjsDayOfWeek(isoDate);
    const schedules = await this.db.practiceSchedule.findMany({
      where: { facilityCode, poliCode, dayOfWeek: day },
      include: { doctor: true },
      orderBy: [{ startTime: 'asc' }, { doctorCode: 'asc' }],
    });
    return schedules.map((s) => ({
      scheduleId: s.id,
      doctorCode: s.doctorCode,
      doctorName: s.doctor.name,
      poliCode: s.poliCode,
      practiceHours: `${s.startTime}-${s.endTime}`,
      start: s.startTime,
      end: s.endTime,
      quotaJkn: s.quotaJkn,
      quotaNonJkn: s.quotaNonJkn,
    }));
  }

  async resolve(
    facilityCode: string,
    poliCode: string,
    isoDate: string,
    doctorCode?: string,
    practiceHours?: string,
  ): Promise<ResolvedSession[]> {
    const sessions = (await this.sessionsFor(facilityCode, poliCode, isoDate)).filter(
      (s) =>
        (!doctorCode || s.doctorCode === doctorCode) &&
        (!practiceHours || s.practiceHours === practiceHours),
    );
    if (sessions.length === 0) {
      throw new DomainError(
        QueueErrorCode.NoSchedule,
        doctorCode
          ? `Dokter ${doctorCode} tidak praktik di poli ${poliCode} pada ${isoDate}${practiceHours ? ` jam ${practiceHours}` : ''}.`
          : `Tidak ada jadwal praktik poli ${poliCode} pada ${isoDate}.`,
      );
    }
    const absent = await this.absences(facilityCode, isoDate);
    const present = sessions.filter((s) => !absent.has(s.doctorCode));
    if (present.length === 0) {
      throw new DomainError(
        QueueErrorCode.DoctorAbsent,
        `Dokter tidak praktik pada ${isoDate} (${absent.get(sessions[0].doctorCode) ?? 'berhalangan'}). Silakan pilih jadwal lain.`,
      );
    }
    return present;
  }
}
