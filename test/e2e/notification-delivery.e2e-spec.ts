import { Topic } from '@app/contracts';
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import webpush from 'web-push';
import {
  eventually,
  getJson,
  HttpReceiver,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SmtpReceiver,
  TEST_REDIS_URL,
  testStack,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';
import { NotificationDb } from '../../apps/notification-service/src/database/notification-db';
import { IN_APP_CHANNEL } from '../../apps/notification-service/src/delivery/channels/in-app.provider';
import {
  e164,
  EventPublisher,
  jakartaClock,
  jakartaDate,
  newTicket,
  notificationEnv,
  phoneFor,
  type DeliveryRow,
  type NotificationRow,
} from '../../apps/notification-service/test/e2e-support';

const PORT = 4510;
const settings = testStack({
  gateway: 4511,
  'queue-service': 4512,
  'referral-service': 4513,
  'notification-service': PORT,
});
const api = `http://127.0.0.1:${PORT}`;
const HOSPITAL = '3329R001';
const PUSKESMAS = '33290101';

async function put(path: string, body: unknown): Promise<number> {
  const res = await serviceFetch(`${api}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}
const notificationsOf = async (recipient: string) =>
  (
    await getJson<NotificationRow[]>(
      `${api}/v1/notifications?recipient=${encodeURIComponent(recipient)}`,
    )
  ).body;
const deliveriesOf = async (id: string) =>
  (await getJson<{ deliveries: DeliveryRow[] }>(`${api}/v1/notifications/${id}`)).body.deliveries;

/** A self-signed certificate for 127.0.0.1: push services speak HTTPS only. */
function selfSignedCert(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/**
 * notification-service as a real process against real Kafka, Postgres and Redis, sending to a
 * real SMTP server and local HTTP gateways: every notification type from its contract event, in
 * Bahasa Indonesia; provider failover; quiet hours; dead letters and replay; web push; in-app.
 */
describe('notification-service delivers over real channels', () => {
  const db = new NotificationDb(settings.databaseUrls.notification);
  let smtp: SmtpReceiver;
  let smsA: HttpReceiver;
  let smsB: HttpReceiver;
  let wa: HttpReceiver;
  let push: HttpReceiver;
  let service: ServiceProcess;
  let events: EventPublisher;
  let redis: Redis;
  const inApp: Array<{ recipient: string; notification: { title: string } }> = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notif-e2e-'));
    const tls = selfSignedCert(dir);
    writeFileSync(join(dir, 'ca.pem'), tls.cert);
    [smtp, smsA, smsB, wa, push] = await Promise.all([
      SmtpReceiver.start(),
      HttpReceiver.start(),
      HttpReceiver.start(),
      HttpReceiver.start(),
      HttpReceiver.start({ tls }),
    ]);
    const vapid = webpush.generateVAPIDKeys();
    service = new ServiceProcess(
      'notification-service',
      settings,
      join(REPO_ROOT, '.infra/test-logs/notification-delivery/notification-service.log'),
      notificationEnv({
        SMTP_URLS: smtp.url(),
        SMS_GATEWAY_URLS: `${smsA.url('/sms')},${smsB.url('/sms')}`,
        WHATSAPP_GATEWAY_URLS: wa.url('/wa'),
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        REMINDER_MIN_LEAD_SECONDS: '0',
        NODE_EXTRA_CA_CERTS: tls.certFile,
      }),
    ).start();
    redis = new Redis(TEST_REDIS_URL);
    await redis.subscribe(IN_APP_CHANNEL);
    redis.on('message', (_c: string, m: string) =>
      inApp.push(JSON.parse(m) as (typeof inApp)[number]),
    );
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
    redis?.disconnect();
    await Promise.all([smtp, smsA, smsB, wa, push].map((r) => r?.stop()));
    await db.$disconnect();
  });

  it('produces every notification type from its event, in Bahasa Indonesia, over SMTP, exactly once', async () => {
    const email = 'siti@pasien.example.id';
    const t = newTicket(HOSPITAL, jakartaDate(2));
    const desk = `desk-${t.patientRef}@rs.example.id`;
    const doctor = `dokter-${t.patientRef}@puskesmas.example.id`;
    expect(await put(`/v1/recipients/facility:${HOSPITAL}/contact`, { email: desk })).toBe(200);
    expect(await put(`/v1/recipients/facility:${PUSKESMAS}/contact`, { email: doctor })).toBe(200);
    const other = newTicket(HOSPITAL, t.serviceDate);
    const otherEmail = `lain-${other.patientRef}@pasien.example.id`;
    const at = new Date().toISOString();
    const counter = { code: 'ANA2', name: 'Poli Anak ruang 2', station: 'poli' as const };
    const referral = {
      referralId: randomUUID(),
      referralNumber: '332901011126P000123',
      originFacilityCode: PUSKESMAS,
      destinationFacilityCode: HOSPITAL,
      poliCode: 'ANA',
      patientRef: t.patientRef,
    };
    const booked = events.build(
      'queue.ticket.booked',
      {
        ...t,
        poliName: 'Anak',
        queueNumber: 7,
        source: 'online',
        bookedAt: at,
        practiceHours: '08:00-12:00',
        contact: { email, locale: 'id' },
      },
      HOSPITAL,
    );
    await events.send(booked, booked); // a redelivery, too
    await events.publish(
      'queue.ticket.booked',
      {
        ...other,
        poliName: 'Anak',
        queueNumber: 8,
        source: 'desk',
        bookedAt: at,
        contact: { email: otherEmail, locale: 'id' },
      },
      HOSPITAL,
    );
    await events.send(
      events.build('queue.ticket.approaching', { ...t, station: 'poli', position: 4 }, HOSPITAL),
      events.build('queue.ticket.called', { ...t, counter, callCount: 1, calledAt: at }, HOSPITAL),
      events.build(
        'queue.ticket.transferred',
        { ...t, fromStation: 'poli', toStation: 'farmasi', at },
        HOSPITAL,
      ),
      events.build(
        'queue.doctor.absent',
        {
          facilityCode: HOSPITAL,
          poliCode: 'ANA',
          doctorCode: '123',
          doctorName: 'dr. Sari, Sp.A',
          serviceDate: t.serviceDate,
          reason: 'cuti sakit',
          affected: [t, other],
        },
        HOSPITAL,
      ),
      events.build(
        'queue.ticket.cancelled',
        { ...other, reason: 'dibatalkan pasien', by: 'patient', at },
        HOSPITAL,
      ),
      events.build('queue.ticket.expired', { ...t, at }, HOSPITAL),
      events.build(
        'referral.sent',
        {
          ...referral,
          referralDate: jakartaDate(),
          plannedVisitDate: jakartaDate(3),
          validUntil: jakartaDate(90),
          serviceType: 2,
          referralType: 0,
          diagnosis: { code: 'J18.9', name: 'Pneumonia' },
          nonSpecialist: false,
          patient: { name: 'Siti', contact: { email, locale: 'id' } },
          referringDoctor: 'dr. Budi',
          sentAt: at,
        },
        HOSPITAL,
      ),
      events.build('referral.accepted', { ...referral, visitDate: jakartaDate(3), at }, HOSPITAL),
      events.build(
        'referral.declined',
        { ...referral, reason: 'dokter spesialis cuti', at },
        HOSPITAL,
      ),
      events.build(
        'referral.scheduled',
        {
          ...referral,
          bookingCode: 'R26112612345',
          displayNumber: 'ANA-012',
          visitDate: jakartaDate(3),
          at,
        },
        HOSPITAL,
      ),
      events.build(
        'referral.expiring',
        { ...referral, validUntil: jakartaDate(7), daysLeft: 7 },
        HOSPITAL,
      ),
      events.build(
        'referral.completed',
        {
          ...referral,
          feedback: {
            diagnosis: 'J18.9 Pneumonia',
            treatmentSummary: 'antibiotik 7 hari',
            followUp: 'kontrol di FKTP',
          },
          at,
        },
        HOSPITAL,
      ),
    );
    // The booking scheduled three reminders; the expiry superseded them.
    await eventually(async () => {
      const scheduled = await db.notification.findMany({
        where: { recipient: t.patientRef, visibleAt: { gt: new Date() } },
      });
      expect(scheduled.map((n) => n.template).sort()).toEqual([
        'checkin-open@1',
        'reminder-before-session@1',
        'reminder-day-before@1',
      ]);
      expect(scheduled.every((n) => n.cancelledAt !== null)).toBe(true);
    });
    // A fresh booking's reminders: bring their time forward instead of waiting two days.
    const t2 = newTicket(HOSPITAL, jakartaDate(2));
    await events.publish(
      'queue.ticket.booked',
      {
        ...t2,
        poliName: 'Anak',
        queueNumber: 9,
        source: 'online',
        bookedAt: at,
        practiceHours: '08:00-12:00',
        contact: { email, locale: 'id' },
      },
      HOSPITAL,
    );
    await eventually(async () =>
      expect(await db.notification.count({ where: { recipient: t2.patientRef } })).toBe(4),
    );
    const ids = (
      await db.notification.findMany({
        where: { recipient: t2.patientRef, template: { not: 'ticket-booked@1' } },
      })
    ).map((n) => n.id);
    await db.notification.updateMany({
      where: { id: { in: ids } },
      data: { visibleAt: new Date() },
    });
    await db.delivery.updateMany({
      where: { notificationId: { in: ids } },
      data: { notBefore: new Date() },
    });

    const subjects = (address: string) => smtp.to(address).map((m) => m.subject);
    await eventually(() => {
      expect(subjects(email)).toEqual(
        expect.arrayContaining([
          `Nomor antrean ${t.displayNumber}`,
          '3 antrean lagi',
          `Nomor ${t.displayNumber} dipanggil`,
          'Silakan lanjut ke farmasi',
          'Jadwal dokter berubah',
          `Antrean ${t.displayNumber} kedaluwarsa`,
          'Rujukan diterima',
          'Rujukan ditolak',
          'Rujukan dijadwalkan: antrean ANA-012',
          'Rujukan segera berakhir',
          'Pengingat: besok jadwal berobat Anda',
          `Pengingat: antrean ${t2.displayNumber} hari ini`,
          'Check-in sudah dibuka',
        ]),
      );
      expect(subjects(otherEmail)).toEqual(
        expect.arrayContaining([
          'Jadwal dokter berubah',
          `Antrean ${other.displayNumber} dibatalkan`,
        ]),
      );
      expect(subjects(desk)).toContain('Rujukan baru 332901011126P000123');
      expect(subjects(doctor)).toContain('Umpan balik rujukan 332901011126P000123');
      return Promise.resolve();
    }, 30_000);
    const called = smtp.to(email).find((m) => m.subject.endsWith('dipanggil'))!;
    expect(called.text).toContain(`Nomor ${t.displayNumber} silakan ke Poli Anak ruang 2.`);
    expect(called.language).toBe('id');
    expect(smtp.to(email).find((m) => m.subject === '3 antrean lagi')?.text).toMatch(
      /^3 antrean lagi sebelum Anda\./,
    );
    expect(smtp.to(email).find((m) => m.subject.startsWith('Nomor antrean'))?.text).toContain(
      `/tiket/${t.bookingCode}`,
    );

    // Exactly once: the redelivered booking and everything else, one mail per notification.
    await new Promise((r) => setTimeout(r, 1_000));
    const keys = smtp.mails.map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(smtp.to(email).filter((m) => m.subject.startsWith('Nomor antrean ANA'))).toHaveLength(2);

    // In-app: stored and readable, and pushed for the gateway's WebSocket.
    const rows = await notificationsOf(t.patientRef);
    expect(rows.map((r) => r.template)).toEqual(
      expect.arrayContaining(['ticket-called@1', 'doctor-absent@1']),
    );
    expect(
      inApp.some((m) => m.recipient === t.patientRef && m.notification.title.endsWith('dipanggil')),
    ).toBe(true);
    const log = await deliveriesOf(rows.find((r) => r.template === 'ticket-called@1')!.id);
    expect(log.find((d) => d.kind === 'message')).toMatchObject({
      status: 'sent',
      channel: 'email',
    });
  });

  it('retries a failing provider, fails over to the next provider and channel, and sends once when they are back', async () => {
    wa.down(503);
    smsA.down(503);
    const t = newTicket();
    const phone = phoneFor(Date.now() % 1_000_000);
    const at = new Date().toISOString();
    const booked = await events.publish(
      'queue.ticket.booked',
      {
        ...t,
        poliName: 'Anak',
        queueNumber: 1,
        source: 'online',
        bookedAt: at,
        contact: { phone, locale: 'id' },
      },
      HOSPITAL,
    );
    await eventually(() =>
      Promise.resolve(
        expect(smsB.accepted().map((r) => (r.body as { to: string }).to)).toContain(e164(phone)),
      ),
    );
    const [n] = await notificationsOf(t.patientRef);
    const message = (await deliveriesOf(n.id)).find((d) => d.kind === 'message')!;
    expect(message.status).toBe('sent');
    expect(message.log.map((a) => `${a.provider.split('@')[0]}:${a.status}`)).toEqual([
      'whatsapp#1:failed',
      'whatsapp#1:failed',
      'sms#1:failed',
      'sms#1:failed',
      'sms#2:sent',
    ]);
    // Providers back: the next event goes by the first choice; nothing of the first is sent again.
    wa.up();
    smsA.up();
    await events.publish(
      'queue.ticket.called',
      {
        ...t,
        counter: { code: 'ANA2', name: 'Poli Anak ruang 2', station: 'poli' },
        callCount: 1,
        calledAt: at,
      },
      HOSPITAL,
    );
    await eventually(() =>
      Promise.resolve(
        expect(
          wa.accepted().filter((r) => (r.body as { to: string }).to === e164(phone)),
        ).toHaveLength(1),
      ),
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const toPatient = [wa, smsA, smsB]
      .flatMap((r) => r.acceptedRaw())
      .filter((r) => (r.body as { to: string }).to === e164(phone));
    expect(toPatient).toHaveLength(2); // one message per event
    const viaSms = smsB.accepted().find((r) => (r.body as { to: string }).to === e164(phone));
    expect(viaSms?.idempotencyKey).toBe(n.id);
    expect(n.eventId).toBe(booked.id);
  });

  it('holds a reminder back during quiet hours, but not a call', async () => {
    const t = newTicket();
    const email = `malam-${t.patientRef}@pasien.example.id`;
    await put(`/v1/recipients/${t.patientRef}/preferences`, {
      quietHours: `${jakartaClock(-60)}-${jakartaClock(60)}`,
      consentSource: 'e2e',
    });
    const at = new Date().toISOString();
    await events.publish(
      'queue.ticket.booked',
      {
        ...t,
        poliName: 'Anak',
        queueNumber: 2,
        source: 'online',
        bookedAt: at,
        estimatedServiceAt: new Date(Date.now() + 60 * 60_000 + 1_500).toISOString(),
        contact: { email, locale: 'id' },
      },
      HOSPITAL,
    );
    await events.publish(
      'queue.ticket.called',
      {
        ...t,
        counter: { code: 'ANA2', name: 'Poli Anak ruang 2', station: 'poli' },
        callCount: 1,
        calledAt: at,
      },
      HOSPITAL,
    );
    await eventually(() =>
      Promise.resolve(
        expect(smtp.to(email).map((m) => m.subject)).toEqual([
          `Nomor ${t.displayNumber} dipanggil`,
        ]),
      ),
    );
    const reminder = await eventually(async () => {
      const r = (await notificationsOf(t.patientRef)).find(
        (n) => n.template === 'reminder-before-session@1',
      );
      if (!r) throw new Error('reminder not due yet');
      const d = (await deliveriesOf(r.id)).find((x) => x.kind === 'message')!;
      expect(d.log.map((a) => a.status)).toContain('deferred');
      return d;
    });
    expect(reminder.status).toBe('pending');
    expect(new Date(reminder.notBefore).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('dead-letters after N failures, lists it, and replays it once the provider is back', async () => {
    const t = newTicket();
    const phone = phoneFor((Date.now() + 7) % 1_000_000);
    await put(`/v1/recipients/${t.patientRef}/preferences`, {
      channels: ['whatsapp'],
      consentSource: 'e2e',
    });
    wa.down(500);
    await events.publish(
      'queue.ticket.booked',
      {
        ...t,
        poliName: 'Anak',
        queueNumber: 3,
        source: 'online',
        bookedAt: new Date().toISOString(),
        contact: { phone, locale: 'id' },
      },
      HOSPITAL,
    );
    type Letter = { id: string; recipient: string; attempts: number; template: string };
    const letter = await eventually(async () => {
      const list = (await getJson<Letter[]>(`${api}/v1/dead-letters`)).body;
      const l = list.find((x) => x.recipient === t.patientRef);
      if (!l) throw new Error('no dead letter yet');
      return l;
    }, 30_000);
    expect(letter).toMatchObject({ attempts: 6, template: 'ticket-booked@1' });
    wa.up();
    const replay = await serviceFetch(`${api}/v1/dead-letters/${letter.id}/replay`, {
      method: 'POST',
    });
    expect(replay.status).toBe(202);
    const again = await serviceFetch(`${api}/v1/dead-letters/${letter.id}/replay`, {
      method: 'POST',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'NOTIFICATION.DEAD_LETTER_ALREADY_REPLAYED',
    );
    await eventually(() =>
      Promise.resolve(
        expect(
          wa.accepted().filter((r) => (r.body as { to: string }).to === e164(phone)),
        ).toHaveLength(1),
      ),
    );
  });

  it('sends web push with VAPID to the subscription the patient registered', async () => {
    const t = newTicket();
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    expect(
      await put(`/v1/recipients/${t.patientRef}/contact`, {
        pushSubscription: {
          endpoint: push.url(`/push/${t.patientRef}`),
          keys: {
            p256dh: ecdh.getPublicKey().toString('base64url'),
            auth: randomBytes(16).toString('base64url'),
          },
        },
      }),
    ).toBe(200);
    await put(`/v1/recipients/${t.patientRef}/preferences`, {
      channels: ['web-push'],
      consentSource: 'web',
    });
    await events.publish(
      'queue.ticket.approaching',
      { ...t, station: 'poli', position: 1 },
      HOSPITAL,
    );
    const req = await eventually(() => {
      const r = push.accepted().find((x) => x.path === `/push/${t.patientRef}`);
      if (!r) throw new Error('not pushed yet');
      return Promise.resolve(r);
    });
    expect(req.headers.authorization).toMatch(/^vapid t=/);
    expect(req.headers.urgency).toBe('high');
    expect(req.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves its OpenAPI document and refuses bad input with stable codes', async () => {
    const doc = await getJson<{ openapi: string; paths: Record<string, unknown> }>(
      `${api}/openapi.json`,
    );
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/dead-letters/{id}/replay');
    const bad = await serviceFetch(`${api}/v1/recipients/p_abcdefghij/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quietHours: '25:00-01:00' }),
    });
    expect(bad.status).toBe(400);
    const missing = await getJson<{ error: { code: string } }>(
      `${api}/v1/notifications/00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.body.error.code).toBe('NOTIFICATION.NOT_FOUND');
  });
});
