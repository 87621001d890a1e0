/** Today's date (YYYY-MM-DD) in the given time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A Postgres DATE as Prisma returns it (midnight UTC) → YYYY-MM-DD. */
export function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function asDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** ISO day of week, 1 = Senin … 7 = Minggu, as BPJS schedules count. */
export function isoDayOfWeek(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
