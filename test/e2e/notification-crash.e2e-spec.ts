import { Topic } from '@app/contracts';
import { join } from 'node:path';
import {
  eventually,
  HttpReceiver,
  REPO_ROOT,
  ServiceProcess,
  testStack,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';
import { NotificationDb } from '../../apps/notification-service/src/database/notification-db';
import {
  e164,
  EventPublisher,
  newTicket,
  notificationEnv,
  phoneFor,
} from '../../apps/notification-service/test/e2e-support';

const settings = testStack({
  gateway: 4521,
  'queue-service': 4522,
  'referral-service': 4523,
  'notification-service': 4520,
});
const HOSPITAL = '3329R001';

/**
 * SIGKILL notification-service while it is consuming and sending a batch, publish more while it
 * is down, start it again: every patient gets their message exactly once. A crash after the
 * gateway accepted but before the row was marked sent resends with the same Idempotency-Key, which
 * the gateway dedups: that window is measured here too.
 */
describe('notification-service killed mid-batch', () => {
  const db = new NotificationDb(settings.databaseUrls.notification);
  let sms: HttpReceiver;
  let service: ServiceProcess;
  let events: EventPublisher;

  beforeAll(async () => {
    sms = await HttpReceiver.start();
    sms.slow(60);
    service = new ServiceProcess(
      'notification-service',
      settings,
      join(REPO_ROOT, '.infra/test-logs/notification-crash/notification-service.log'),
      notificationEnv({
        SMS_GATEWAY_URLS: sms.url('/sms'),
        CHANNEL_ORDER: 'sms',
        DISPATCH_CONCURRENCY: '4',
        DISPATCH_BATCH_SIZE: '8',
        DISPATCH_LEASE_MS: '2000',
      }),
    ).start();
    events = await EventPublisher.connect(settings.kafkaBrokers);
    await service.waitReady();
    // Earlier test files left events on the broker: let the consumer catch up before timing anything.
    await waitForConsumerGroupCaughtUp(
      settings.kafkaBrokers,
      'notification-service',
      Topic.QueueTickets,
    );
  });

  afterAll(async () => {
    await service?.stop();
    await events?.close();
    await sms?.stop();
    await db.$disconnect();
  });

  it('sends every notification exactly once per patient across a crash and restart', async () => {
    const base = 500_000 + (Date.now() % 400_000);
    const booking = (i: number) => {
      const t = newTicket(HOSPITAL);
      const phone = phoneFor(base + i);
      const event = events.build(
        'queue.ticket.booked',
        {
          ...t,
          poliName: 'Anak',
          queueNumber: i + 1,
          source: 'online',
          bookedAt: new Date().toISOString(),
          contact: { phone, locale: 'id' },
        },
        HOSPITAL,
      );
      return { event, phone: e164(phone) };
    };
    const first = Array.from({ length: 30 }, (_, i) => booking(i));
    // Only this test's patients count: earlier test files' bookings may still be going out.
    const firstPhones = new Set(first.map((b) => b.phone));
    const sentToFirst = () =>
      sms.acceptedRaw().filter((r) => firstPhones.has((r.body as { to: string }).to)).length;
    await events.send(...first.map((b) => b.event));
    await eventually(
      () => Promise.resolve(expect(sentToFirst()).toBeGreaterThanOrEqual(5)),
      20_000,
      5,
    );
    await service.kill();
    const sentBeforeCrash = sentToFirst();
    expect(sentBeforeCrash).toBeLessThan(30); // really in the middle

    const whileDown = Array.from({ length: 20 }, (_, i) => booking(30 + i));
    await events.send(...whileDown.map((b) => b.event));
    await service.start().waitReady();

    const all = [...first, ...whileDown];
    const phones = new Set(all.map((b) => b.phone));
    const received = () => sms.accepted().filter((r) => phones.has((r.body as { to: string }).to));
    await eventually(() => Promise.resolve(expect(received()).toHaveLength(all.length)), 30_000);
    // Longer than a lease: anything claimed by the dead process has been taken again by now.
    await new Promise((r) => setTimeout(r, 2_500));

    const perPhone = new Map<string, Set<string>>();
    for (const r of sms.acceptedRaw()) {
      const to = (r.body as { to: string }).to;
      if (!phones.has(to)) continue;
      perPhone.set(to, (perPhone.get(to) ?? new Set()).add(r.idempotencyKey ?? ''));
    }
    expect(perPhone.size).toBe(all.length);
    expect([...perPhone.values()].every((keys) => keys.size === 1)).toBe(true);
    expect(received()).toHaveLength(all.length);
    // The at-least-once window: at most the deliveries in flight when it died reached the gateway twice.
    const raw = sms.acceptedRaw().filter((r) => phones.has((r.body as { to: string }).to)).length;
    expect(raw - all.length).toBeLessThanOrEqual(4);

    const eventIds = all.map((b) => b.event.id);
    expect(await db.notification.count({ where: { eventId: { in: eventIds } } })).toBe(all.length);
    const messages = await db.delivery.findMany({
      where: { kind: 'message', notification: { eventId: { in: eventIds } } },
    });
    expect(messages).toHaveLength(all.length);
    expect(messages.every((d) => d.status === 'sent')).toBe(true);
  });
});
