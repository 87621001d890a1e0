import { join } from 'node:path';
import Redis from 'ioredis';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { todayIn } from '../../apps/queue-service/src/tickets/service-date';
import {
  cardNumberFor,
  type JsonResponse,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  TEST_HOSPITAL,
  TEST_REDIS_URL,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 4812,
  'queue-service': 4810,
  'referral-service': 4813,
  'notification-service': 4814,
};
const STRICT_PORT = 4811; // a second queue-service with a zero-minute check-in window
const F = '9905R001';
const F2 = '9905R002'; // booked through the strict process
const UNKNOWN = '9905R099';
const FP = `/v1/facilities/${F}`;
const TZ = 'Asia/Jakarta';
const allDays = (start: string, end: string, quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({ day, start, end, quotaJkn, quotaNonJkn }));
const doctor = (code: string, poliCode: string, schedules: unknown[]) =>
  ({ code, name: `dr. Uji ${poliCode}`, poliCode, schedules }) as const;
/** The test hospital plus a poli without JKN quota, one whose session ends at 00:01, one whose doctor is away. */
const FACILITY = {
  ...TEST_HOSPITAL,
  polis: [
    ...TEST_HOSPITAL.polis,
    ...['KLT', 'MAT', 'THT'].map((code) => ({ code, name: `Poli ${code}`, prefix: code })),
  ],
  doctors: [
    ...TEST_HOSPITAL.doctors,
    doctor('900005', 'KLT', allDays('00:00', '23:59', 0, 10)),
    doctor('900006', 'MAT', allDays('00:00', '00:01', 10, 10)),
    doctor('900007', 'THT', allDays('00:00', '23:59', 10, 10)),
  ],
};

type ErrorBody = {
  error?: { code: string; message: string; details?: { issues?: Array<{ path: string }> } };
};
type Res = JsonResponse<unknown>;
type Over = Record<string, unknown> | (() => Record<string, unknown>);

/** Minutes and seconds since local midnight in the facilities' time zone. */
function localClock(): { minutes: number; seconds: number } {
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date());
  const get = (t: string) => Number(p.find((x) => x.type === t)?.value);
  const minutes = get('hour') * 60 + get('minute');
  return { minutes, seconds: minutes * 60 + get('second') };
}
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const today = () => todayIn(TZ);
const plusDays = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Words every Bahasa Indonesia message here uses at least one of. */
const BAHASA =
  /\b(tidak|yang|sudah|wajib|harus|hanya|belum|masih|adalah|isi|terlalu|dibuka|ditutup|habis)\b/i;

/**
 * Issue #3: every validation rule of queue-service answers a 4xx with a stable error code and a
 * message in Bahasa Indonesia, and changes nothing — no ticket, history, task id or event written,
 * no ticket or master data altered, no quota place or number taken in Redis.
 */
describe('queue-service refuses every broken rule and changes nothing', () => {
  const settings = testStack(ports);
  const log = (n: string) => join(REPO_ROOT, `.infra/test-logs/rules-${n}.log`);
  const queue = new ServiceProcess('queue-service', settings, log('queue'));
  const strictSettings = { ...settings, ports: { ...ports, 'queue-service': STRICT_PORT } };
  const strict = new ServiceProcess('queue-service', strictSettings, log('queue-strict'), {
    CHECKIN_OPENS_MINUTES: '0',
    CHECKIN_LATE_MINUTES: '0',
  });
  const api = new QueueClient(queue.url);
  const api2 = new QueueClient(strict.url);
  const db = new QueueDb(settings.databaseUrls.queue);
  const redis = new Redis(TEST_REDIS_URL);

  /** `route` is "METHOD /path" on the main process. */
  async function call(route: string, body?: unknown): Promise<Res> {
    const [method, path] = route.split(' ');
    const json = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await serviceFetch(`${api.baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: json }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** Everything a refused request could have touched, for this file's facilities. */
  async function snapshot(): Promise<unknown> {
    const [pg] = await db.$queryRawUnsafe<unknown[]>(
      `WITH t AS (SELECT * FROM ticket WHERE facility_code = ANY($1::text[]))
       SELECT (SELECT count(*) FROM t)::int AS tickets,
         (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM t) AS "ticketRows",
         (SELECT count(*) FROM outbox_event WHERE key = ANY($1::text[]))::int AS outbox,
         (SELECT count(*) FROM ticket_transition WHERE facility_code = ANY($1::text[]))::int AS transitions,
         (SELECT count(*) FROM ticket_task k JOIN t ON t.id = k.ticket_id)::int AS tasks,
         (SELECT md5(coalesce(string_agg(m, '|' ORDER BY m), '')) FROM (
            SELECT x::text m FROM facility x WHERE code = ANY($1::text[])
            UNION ALL SELECT x::text FROM poli x WHERE facility_code = ANY($1::text[])
            UNION ALL SELECT x::text FROM doctor x WHERE facility_code = ANY($1::text[])
            UNION ALL SELECT x::text FROM practice_schedule x WHERE facility_code = ANY($1::text[])
            UNION ALL SELECT x::text FROM counter x WHERE facility_code = ANY($1::text[])
            UNION ALL SELECT x::text FROM doctor_absence x WHERE facility_code = ANY($1::text[])
         ) all_rows) AS "masterData"`,
      [F, F2, UNKNOWN],
    );
    const keys = (await redis.keys('queue:{9905R0??}:*')).sort();
    const values = await Promise.all(
      keys.map(async (k) => {
        const type = await redis.type(k);
        if (type === 'string') return redis.get(k);
        if (type === 'hash') return redis.hgetall(k);
        if (type === 'zset') return redis.zrange(k, 0, -1, 'WITHSCORES');
        return (await redis.smembers(k)).sort();
      }),
    );
    return { pg, redis: Object.fromEntries(keys.map((k, i) => [k, values[i]])) };
  }

  /** A request that must be refused with `expected` ("409 QUEUE.X"), a human message, nothing changed. */
  async function refused(expected: string, request: () => Promise<Res>, path?: string) {
    const before = await snapshot();
    const res = await request();
    const { error } = (res.body ?? {}) as ErrorBody;
    expect(`${res.status} ${error?.code}`).toBe(expected);
    expect(error?.message).toMatch(BAHASA);
    if (path) expect(error?.details?.issues?.map((i) => i.path)).toContain(path);
    expect(await snapshot()).toEqual(before);
  }

  const kiosk = (i: number, over: Record<string, unknown> = {}) => ({
    poliCode: 'ANA',
    source: 'kiosk',
    patient: { nik: nikFor(905_000 + i) },
    ...over,
  });
  const book =
    (body: unknown, facility = F, headers = {}) =>
    () =>
      api.book(facility, body, headers);
  const ticket = (code: string, op: 'check-in' | 'cancel' | 'priority', body?: unknown) => () =>
    api.ticketOp(code, op, body);
  const at = (counter: string, op: Parameters<QueueClient['counterOp']>[2], body?: unknown) => () =>
    api.counterOp(F, counter, op, body);
  const booked = async (facility: string, body: unknown, client = api) => {
    const res = await client.book(facility, body);
    expect(res.status).toBe(201);
    return res.body.bookingCode;
  };
  const ok = async (res: Promise<Res>) => expect((await res).status).toBe(200);

  beforeAll(async () => {
    // Deterministic at any hour: never run across local midnight, nor after the all-day sessions end (23:59).
    const { seconds } = localClock();
    if (seconds >= (23 * 60 + 58) * 60)
      await new Promise((r) => setTimeout(r, (86_400 - seconds + 2) * 1000));
    await Promise.all([queue.start().waitReady(), strict.start().waitReady()]);
    await api.putFacility(F, FACILITY);
    await api.putFacility(F2, TEST_HOSPITAL);
    const absence = { doctorCode: '900007', date: today(), reason: 'Cuti sakit' };
    expect((await call(`POST ${FP}/doctor-absences`, absence)).status).toBe(201);
    // Reading the sessions fills the Redis quota counters from Postgres, as any booking would.
    expect((await api.get(`/v1/facilities/${F}/sessions?poliCode=KLT`)).status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([queue.stop(), strict.stop()]);
    await db.$disconnect();
    redis.disconnect();
  });

  const V = '400 COMMON.VALIDATION_FAILED';
  const PHONE = phoneFor(1);
  const jknCard = { patient: { cardNumber: cardNumberFor(905_000) } };
  // [expected, rule, what the request changes from a valid kiosk booking, where it goes]
  type Where = { facility?: string; key?: string; path?: string };
  const BOOKING: Array<[string, string, Over, Where?]> = [
    [V, 'NIK not 16 digits', { patient: { nik: '33290101' } }, { path: 'patient.nik' }],
    [V, 'JKN card not 13 digits', { patient: { cardNumber: '1' } }, { path: 'patient.cardNumber' }],
    [V, 'an unknown field', { ruang: 'VIP' }],
    [V, 'poli code not 3 capitals', { poliCode: 'ana' }, { path: 'poliCode' }],
    [V, 'date not YYYY-MM-DD', { serviceDate: '17/08/2030' }, { path: 'serviceDate' }],
    [V, 'facility code not 8 letters or digits', {}, { facility: 'RS-1' }],
    ['404 QUEUE.FACILITY_NOT_FOUND', 'unknown facility', {}, { facility: UNKNOWN }],
    ['404 QUEUE.POLI_NOT_FOUND', 'poli the facility lacks', { poliCode: 'GIG' }],
    ['400 QUEUE.PATIENT_IDENTIFIER_MISSING', 'no NIK, no card', { patient: { phone: PHONE } }],
    ['400 QUEUE.CARD_REQUIRED_FOR_JKN', 'JKN without card', { patientType: 'JKN' }],
    ['400 QUEUE.PHONE_REQUIRED', 'online without phone', { source: 'online' }],
    ['400 QUEUE.REFERENCE_REQUIRED', 'visitType 1 without number', { visitType: 1 }],
    ['400 QUEUE.REFERENCE_REQUIRED', 'visitType 3 without number', { visitType: 3 }],
    ['422 QUEUE.DATE_IN_PAST', 'yesterday', () => ({ serviceDate: plusDays(-1) })],
    ['422 QUEUE.DATE_BEYOND_HORIZON', 'horizon + 1 day', () => ({ serviceDate: plusDays(8) })],
    ['400 QUEUE.IDEMPOTENCY_KEY_INVALID', 'key too short', {}, { key: 'abc' }],
    ['422 QUEUE.NO_SCHEDULE', 'unknown doctor', { doctorCode: '999999' }],
    ['422 QUEUE.NO_SCHEDULE', 'hours the doctor does not hold', { practiceHours: '07:00-09:00' }],
    ['422 QUEUE.DOCTOR_ABSENT', 'doctor absent today', { poliCode: 'THT' }],
    ['409 QUEUE.QUOTA_EXHAUSTED', 'JKN quota of 0', { poliCode: 'KLT', ...jknCard }],
  ];

  it.each(BOOKING)('booking: %s (%s)', async (expected, _rule, over, where = {}) => {
    const body = kiosk(0, typeof over === 'function' ? over() : over);
    const headers = where.key ? { 'Idempotency-Key': where.key } : {};
    await refused(expected, book(body, where.facility, headers), where.path);
  });

  it('booking: session that ended today (00:00-00:01) → 422 QUEUE.SESSION_CLOSED', async () => {
    if (localClock().minutes < 2) return; // before 00:02 WIB the session has not ended yet
    await refused('422 QUEUE.SESSION_CLOSED', book(kiosk(0, { poliCode: 'MAT' })));
  });

  it('booking: same patient, poli and day twice → 409 QUEUE.DUPLICATE_BOOKING', async () => {
    await booked(F, kiosk(1));
    await refused('409 QUEUE.DUPLICATE_BOOKING', book(kiosk(1)));
  });

  it('booking: a reference number an active ticket holds → 409 QUEUE.REFERENCE_IN_USE', async () => {
    const ref = { visitType: 1, referenceNumber: '0905R0010426B000001' };
    await booked(F, kiosk(2, ref));
    await refused('409 QUEUE.REFERENCE_IN_USE', book(kiosk(3, ref)));
  });

  it('booking: an Idempotency-Key reused for another request → 409 QUEUE.IDEMPOTENCY_KEY_REUSED', async () => {
    const key = { 'Idempotency-Key': 'rules-key-0001' };
    expect((await api.book(F, kiosk(4), key)).status).toBe(201);
    await refused('409 QUEUE.IDEMPOTENCY_KEY_REUSED', book(kiosk(5), F, key));
  });

  const T = `/v1/facilities/${F}/tickets`;
  const bigBody = { ...kiosk(6), pad: 'x'.repeat(70_000) };
  const withDoctor = (d: unknown) => ({ ...FACILITY, doctors: [...FACILITY.doctors, d] });
  const noPoli = withDoctor(doctor('900099', 'GIG', []));
  const backwards = withDoctor(doctor('900098', 'ANA', allDays('12:00', '08:00', 1, 1)));
  const unknownAbsent = { doctorCode: '999999', date: '2030-01-02', reason: 'Cuti' };
  const JOB = 'POST /internal/v1/jobs/expire-tickets';
  // [expected, rule, route, body, path of the issue]
  const REQUESTS: Array<[string, string, string, unknown?, string?]> = [
    [V, 'malformed JSON', `POST ${T}`, '{"poliCode": "ANA",'],
    ['413 COMMON.PAYLOAD_TOO_LARGE', 'body over 64 KiB', `POST ${T}`, bigBody],
    [V, 'facility with a bad code', 'PUT /v1/facilities/rs-uji', FACILITY],
    [V, "doctor whose poli isn't listed", `PUT ${FP}`, noPoli, 'doctors.7.poliCode'],
    [V, 'schedule ending before it starts', `PUT ${FP}`, backwards],
    [V, 'bad booking code', 'GET /v1/tickets/abc'],
    ['404 QUEUE.TICKET_NOT_FOUND', 'unknown booking code', 'GET /v1/tickets/ZZZZZZZZ'],
    [
      '404 QUEUE.TICKET_NOT_FOUND',
      'check-in, unknown code',
      'POST /v1/tickets/ZZZZZZZZ/check-in',
      {},
    ],
    [
      '422 QUEUE.NO_SCHEDULE',
      'absence, unknown doctor',
      `POST ${FP}/doctor-absences`,
      unknownAbsent,
    ],
    [
      '404 QUEUE.FACILITY_NOT_FOUND',
      'holiday, unknown facility',
      `PUT /v1/facilities/${UNKNOWN}/holidays/2030-01-01`,
      { name: 'Tahun Baru' },
    ],
    [V, 'expire-tickets, bad time', JOB, { at: 'kemarin' }],
    [V, 'expire-tickets, unknown field', JOB, { all: true }],
  ];

  // Defaults keep the arity at 3: a parameter beyond a row's length makes jest wait for `done`.
  it.each(REQUESTS)('%s (%s)', async (expected, _rule, route, body = undefined, issue = '') => {
    await refused(expected, () => call(route, body), issue);
  });

  it('tickets: check-in before the service date → 422 QUEUE.CHECKIN_NOT_TODAY', async () => {
    const code = await booked(F, kiosk(10, { serviceDate: plusDays(1) }));
    await refused('422 QUEUE.CHECKIN_NOT_TODAY', ticket(code, 'check-in'));
  });

  it('tickets: check-in twice → 409 INVALID_STATE; cancel after check-in → 409 CANCEL_AFTER_CHECKIN', async () => {
    const code = await booked(F, kiosk(11));
    await ok(api.ticketOp(code, 'check-in'));
    await refused('409 QUEUE.INVALID_STATE', ticket(code, 'check-in'));
    await refused('409 QUEUE.CANCEL_AFTER_CHECKIN', ticket(code, 'cancel', { reason: 'batal' }));
  });

  it('tickets: cancel a cancelled ticket → 409 QUEUE.INVALID_STATE', async () => {
    const code = await booked(F, kiosk(12));
    await ok(api.ticketOp(code, 'cancel', { reason: 'berhalangan' }));
    await refused('409 QUEUE.INVALID_STATE', ticket(code, 'cancel', { reason: 'berhalangan' }));
  });

  it('counters: unknown counter, empty queue, nothing called', async () => {
    await refused('404 QUEUE.COUNTER_NOT_FOUND', at('X9', 'call-next'));
    await refused('404 QUEUE.QUEUE_EMPTY', at('SAR-1', 'call-next'));
    for (const op of ['start', 'recall', 'finish', 'no-show'] as const)
      await refused('409 QUEUE.COUNTER_IDLE', at('SAR-1', op));
    await refused('409 QUEUE.COUNTER_IDLE', at('SAR-1', 'transfer', { toStation: 'farmasi' }));
  });

  it('counters: busy counter, priority once called, finish before start, unknown poli, farmasi is last', async () => {
    const code = await booked(F, kiosk(20, { poliCode: 'SAR' }));
    await ok(api.ticketOp(code, 'check-in'));
    await ok(api.counterOp(F, 'SAR-1', 'call-next'));
    await refused('409 QUEUE.COUNTER_BUSY', at('SAR-1', 'call-next'));
    const priority = { category: 'lansia', reason: 'usia 80 tahun' };
    await refused('409 QUEUE.INVALID_STATE', ticket(code, 'priority', priority));
    await refused('409 QUEUE.COUNTER_IDLE', at('SAR-1', 'finish', { next: 'done' }));
    const toGig = { toStation: 'poli', toPoliCode: 'GIG' };
    await refused('404 QUEUE.POLI_NOT_FOUND', at('SAR-1', 'transfer', toGig));
    await ok(api.counterOp(F, 'SAR-1', 'start'));
    await ok(api.counterOp(F, 'SAR-1', 'finish', { next: 'farmasi' }));
    await ok(api.counterOp(F, 'F1', 'call-next'));
    await ok(api.counterOp(F, 'F1', 'start'));
    await refused('409 QUEUE.INVALID_STATE', at('F1', 'finish', { next: 'poli' }));
    await refused('409 QUEUE.INVALID_STATE', at('F1', 'finish', { next: 'farmasi' }));
    await ok(api.counterOp(F, 'F1', 'finish', { next: 'done' }));
  });

  it('check-in with CHECKIN_LATE_MINUTES=0, session from 00:00 → 422 QUEUE.CHECKIN_TOO_LATE', async () => {
    const code = await booked(F2, kiosk(30), api2);
    await refused('422 QUEUE.CHECKIN_TOO_LATE', () => api2.ticketOp(code, 'check-in'));
  });

  it('check-in with CHECKIN_OPENS_MINUTES=0, session in 1–2 min → 422 QUEUE.CHECKIN_TOO_EARLY', async () => {
    const start = localClock().minutes + 2;
    if (start > 23 * 60 + 58) return; // too late in the day for a session that starts later
    const later = doctor('900009', 'OBG', allDays(hhmm(start), '23:59', 10, 10));
    await api2.putFacility(F2, { ...TEST_HOSPITAL, doctors: [...TEST_HOSPITAL.doctors, later] });
    const session = {
      poliCode: 'OBG',
      doctorCode: '900009',
      practiceHours: `${hhmm(start)}-23:59`,
    };
    const code = await booked(F2, kiosk(31, session), api2);
    await refused('422 QUEUE.CHECKIN_TOO_EARLY', () => api2.ticketOp(code, 'check-in'));
  });
});
