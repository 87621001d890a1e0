/** Pure arithmetic of the service indicators, shared by the facility and the district queries. */

export type Station = 'admisi' | 'poli' | 'farmasi';

export interface StationKpi {
  station: Station;
  /** Mean minutes between joining the line and service start (task deltas 1→2, 3→4, 5→6). */
  meanWaitMinutes: number | null;
  /** Mean minutes of service (2→3, 4→5, 6→7). */
  meanServiceMinutes: number | null;
  served: number;
}

/** What the indicators need to know of a ticket. */
export interface KpiTicket {
  id: string;
  status: string;
  source: string;
  checkedInAt: Date | null;
}

/** One Antrol task timestamp of a ticket (1 = joined admisi ... 7 = left farmasi). */
export interface KpiTask {
  ticketId: string;
  taskId: number;
  at: Date;
}

export interface KpiCounts {
  tickets: number;
  checkedIn: number;
  noShows: number;
  /** no-shows among checked-in tickets plus bookings that expired unattended, over all non-cancelled. */
  noShowRate: number | null;
  cancelled: number;
  online: number;
  walkIn: number;
  onlineShare: number | null;
  quota: number;
  quotaUsed: number;
  quotaUse: number | null;
  stations: StationKpi[];
}

const STATION_TASKS: Array<[Station, number, number, number]> = [
  ['admisi', 1, 2, 3],
  ['poli', 3, 4, 5],
  ['farmasi', 5, 6, 7],
];

/** Indicators of one set of tickets (a facility's day, or one poli of it) and its quota. */
export function aggregateKpis(tickets: KpiTicket[], tasks: KpiTask[], quota: number): KpiCounts {
  const ids = new Set(tickets.map((t) => t.id));
  const byTicket = new Map<string, Map<number, number>>();
  for (const task of tasks) {
    if (!ids.has(task.ticketId)) continue;
    if (!byTicket.has(task.ticketId)) byTicket.set(task.ticketId, new Map());
    byTicket.get(task.ticketId)!.set(task.taskId, task.at.getTime());
  }
  const stations = STATION_TASKS.map(([station, wait, start, end]) => {
    const waits: number[] = [];
    const services: number[] = [];
    for (const m of byTicket.values()) {
      if (m.has(wait) && m.has(start)) waits.push(m.get(start)! - m.get(wait)!);
      if (m.has(start) && m.has(end)) services.push(m.get(end)! - m.get(start)!);
    }
    return {
      station,
      meanWaitMinutes: meanMinutes(waits),
      meanServiceMinutes: meanMinutes(services),
      served: services.length,
    };
  });
  const cancelled = tickets.filter((t) => t.status === 'cancelled').length;
  const noShows = tickets.filter((t) => t.status === 'no_show' || t.status === 'expired').length;
  const online = tickets.filter((t) => t.source === 'online' || t.source === 'mobile-jkn').length;
  const walkIn = tickets.filter((t) => t.source === 'kiosk' || t.source === 'desk').length;
  const relevant = tickets.length - cancelled;
  return {
    tickets: tickets.length,
    checkedIn: tickets.filter((t) => t.checkedInAt).length,
    noShows,
    noShowRate: relevant ? noShows / relevant : null,
    cancelled,
    online,
    walkIn,
    onlineShare: online + walkIn ? online / (online + walkIn) : null,
    quota,
    quotaUsed: relevant,
    quotaUse: quota ? relevant / quota : null,
    stations,
  };
}

/** The practice-schedule day a date falls on: 1 = Monday ... 7 = Sunday, 8 = a holiday. */
export function scheduleDay(date: string, holiday: boolean): number {
  if (holiday) return 8;
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Sum of the JKN and non-JKN quota of the sessions that run on that schedule day. */
export function quotaOf(
  schedules: Array<{ dayOfWeek: number; quotaJkn: number; quotaNonJkn: number }>,
  day: number,
): number {
  return schedules
    .filter((s) => s.dayOfWeek === day)
    .reduce((n, s) => n + s.quotaJkn + s.quotaNonJkn, 0);
}

function meanMinutes(ms: number[]): number | null {
  return ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length / 60_000 : null;
}
