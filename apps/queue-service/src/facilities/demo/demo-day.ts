import { createHash } from 'node:crypto';
import type { DemoFacility } from './brebes';

/**
 * A past clinic day of demo tickets, so `npm start` shows the district dashboard with real-looking
 * figures (waits per station, no-shows, online share) whatever day and hour it is started. Written
 * straight to queue-service's tables as history (no events, no live state: the day is over).
 * Deterministic: the same facilities and date give the same tickets.
 */

export interface DemoTicket {
  id: string;
  bookingCode: string;
  facilityCode: string;
  poliCode: string;
  serviceDate: Date;
  queueNumber: number;
  displayNumber: string;
  patientRef: string;
  source: string;
  status: string;
  patientKind: string;
  patientType: string;
  checkedInAt: Date | null;
  station: string | null;
}

export interface DemoTask {
  ticketId: string;
  taskId: number;
  at: Date;
}

/** The last Monday–Saturday before `today` (YYYY-MM-DD): a whole day the demo sessions ran. */
export function demoClinicDay(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() - 1);
  while (d.getUTCDay() === 0);
  return d.toISOString().slice(0, 10);
}

/** A small seeded generator (mulberry32): the same seed gives the same day. */
function random(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const uuidFrom = (text: string): string => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Each facility's own pace: hospitals are busier and slower than puskesmas. */
function paceOf(f: DemoFacility, rnd: () => number) {
  const hospital = f.type === 'FKRTL';
  return {
    tickets: Math.round((hospital ? 40 : 22) + rnd() * 20),
    admisiWait: (hospital ? 12 : 6) + rnd() * 10,
    poliWait: (hospital ? 28 : 10) + rnd() * 25,
    farmasiWait: (hospital ? 15 : 6) + rnd() * 15,
    onlineShare: (hospital ? 0.55 : 0.3) + rnd() * 0.3,
  };
}

export function demoDay(
  facilities: DemoFacility[],
  date: string,
): { tickets: DemoTicket[]; tasks: DemoTask[] } {
  const tickets: DemoTicket[] = [];
  const tasks: DemoTask[] = [];
  // Sessions open at 07:30 in Brebes (UTC+7): 00:30 UTC.
  const opening = Date.parse(`${date}T00:30:00Z`);
  const minute = 60_000;
  for (const f of facilities) {
    const rnd = random(`${f.code}:${date}`);
    const pace = paceOf(f, rnd);
    const numbers = new Map<string, number>();
    // How long each station's line is busy until: waits grow through the morning.
    for (let i = 0; i < pace.tickets; i++) {
      const poli = f.polis[Math.floor(rnd() * f.polis.length)];
      const queueNumber = (numbers.get(poli.code) ?? 0) + 1;
      numbers.set(poli.code, queueNumber);
      const r = rnd();
      const source =
        r < pace.onlineShare ? (r < pace.onlineShare * 0.2 ? 'mobile-jkn' : 'online') : 'kiosk';
      const fate = rnd();
      const status = fate < 0.05 ? 'cancelled' : fate < 0.13 ? 'no_show' : 'done';
      const id = uuidFrom(`${f.code}:${date}:${i}`);
      const isNew = source === 'kiosk' && rnd() < 0.6;
      const arrival = opening + i * 4 * minute + rnd() * 3 * minute;
      tickets.push({
        id,
        bookingCode: `DEMO${createHash('sha256').update(id).digest('hex').slice(0, 8).toUpperCase()}`,
        facilityCode: f.code,
        poliCode: poli.code,
        serviceDate: new Date(`${date}T00:00:00Z`),
        queueNumber,
        displayNumber: `${poli.prefix}-${String(queueNumber).padStart(3, '0')}`,
        patientRef: `demo-${id}`,
        source,
        status,
        patientKind: isNew ? 'new' : 'returning',
        patientType: rnd() < 0.8 ? 'JKN' : 'NON_JKN',
        checkedInAt: status === 'cancelled' ? null : new Date(arrival),
        station: null,
      });
      if (status === 'cancelled') continue;
      // Antrol tasks: 1–3 admisi (new patients only), 3–5 poli, 5–7 farmasi (most patients).
      const spread = (mean: number) => mean * (0.5 + rnd()) * (0.6 + (0.8 * i) / pace.tickets);
      let t = arrival;
      const push = (taskId: number) => tasks.push({ ticketId: id, taskId, at: new Date(t) });
      if (isNew) {
        push(1);
        t += spread(pace.admisiWait) * minute;
        push(2);
        t += (2 + rnd() * 4) * minute;
      }
      push(3);
      if (status === 'no_show') continue;
      t += spread(pace.poliWait) * minute;
      push(4);
      t += (5 + rnd() * 10) * minute;
      push(5);
      if (rnd() < 0.75) {
        t += spread(pace.farmasiWait) * minute;
        push(6);
        t += (2 + rnd() * 5) * minute;
        push(7);
      }
    }
  }
  return { tickets, tasks };
}
