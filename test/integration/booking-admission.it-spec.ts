import { join } from 'node:path';
import {
  nikFor,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  TEST_HOSPITAL,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 4295,
  'queue-service': 4296,
  'referral-service': 4297,
  'notification-service': 4298,
};
// A facility of this file's own.
const F = '9978R001';

/**
 * Admission control against a real queue-service: bookings beyond BOOKING_MAX_IN_FLIGHT are
 * refused at once with 503 and Retry-After, and the ones let in keep consecutive numbers.
 */
describe('queue-service booking admission', () => {
  const settings = testStack(ports);
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/booking-admission-queue.log'),
    { BOOKING_MAX_IN_FLIGHT: '2' },
  );
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);

  const book = async (i: number) => {
    const res = await serviceFetch(`${api.baseUrl}/v1/facilities/${F}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        poliCode: 'INT',
        patient: { nik: nikFor(700_000 + i) },
        source: 'kiosk',
      }),
    });
    const body = (await res.json()) as {
      queueNumber?: number;
      error?: { code: string; message: string; details?: { retryAfterSeconds?: number } };
    };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  };

  beforeAll(async () => {
    await queue.start().waitReady();
    await api.putFacility(F, TEST_HOSPITAL);
  });

  afterAll(async () => {
    await queue.stop();
  });

  it('sheds a burst beyond the bound with 503 COMMON.UNAVAILABLE and Retry-After, losing no number', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => book(i)));
    const ok = answers.filter((a) => a.status === 201);
    const shed = answers.filter((a) => a.status !== 201);
    // 40 at once against a bound of 2: some are refused (the first two always get in).
    expect(shed.length).toBeGreaterThan(0);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    for (const a of shed) {
      expect([a.status, a.body.error?.code, a.retryAfter]).toEqual([
        503,
        'COMMON.UNAVAILABLE',
        '2',
      ]);
      expect(a.body.error?.message).toMatch(/coba lagi/i);
    }
    expect(ok.map((a) => a.body.queueNumber).sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: ok.length }, (_, i) => i + 1),
    );
    // Once the burst is over, a refused patient books normally.
    const retried = await book(answers.indexOf(shed[0]));
    expect([retried.status, retried.body.queueNumber]).toEqual([201, ok.length + 1]);
  });
});
