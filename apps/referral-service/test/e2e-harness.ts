import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Partitioners, type Producer } from 'kafkajs';
import { EventHeader, Topic, topicOf, type EventPayload, type EventType } from '@app/contracts';
import { buildEvent, createKafka } from '@app/messaging';
import {
  eventually,
  getJson,
  type JsonResponse,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  type ServiceName,
  ServiceProcess,
  testStack,
  TopicReader,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';

/**
 * What referral-service's end-to-end tests share: the service as a real process with fast webhook
 * retries, optionally with the real queue-service beside it (alone, or with notification-service:
 * the whole loop), a Kafka producer that can play queue-service's side through its contract events,
 * a reader of the referral topic, and small HTTP helpers. Test support only; never imported by src/.
 */
export interface ReferralBody {
  id: string;
  number: string;
  status: string;
  referralDate: string;
  validUntil: string;
  appointment: { bookingCode: string | null; displayNumber: string | null } | null;
  feedback: unknown;
  backReferral: { number: string } | null;
  error: { code: string; message: string };
}
export interface Envelope {
  id: string;
  type: string;
  key: string;
  payload: Record<string, unknown>;
}

export const todayIso = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
export const plusDays = (d: string, n: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A facility record as queue-service publishes it on queue.facilities.1; a schedule every day. */
export function facilityRecord(
  code: string,
  type: 'FKTP' | 'FKRTL',
  latitude: number,
  longitude: number,
  polis: string[],
  quota = 20,
): EventPayload<'queue.facility.upserted'> {
  return {
    code,
    name: `Faskes ${code}`,
    type,
    district: 'Brebes',
    address: null,
    latitude,
    longitude,
    polis: polis.map((p) => ({ code: p, name: p, prefix: p, subspecialties: [] })),
    doctors: polis.map((p, i) => ({
      code: `${code.slice(-3)}${i}`,
      name: `dr. ${p}`,
      poliCode: p,
      schedules: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
        dayOfWeek,
        start: '08:00',
        end: '12:00',
        quotaJkn: quota,
        quotaNonJkn: 0,
      })),
    })),
    counters: [],
    updatedAt: new Date().toISOString(),
  };
}

export interface HarnessOptions {
  /**
   * Also run the real queue-service and notification-service (the latter with these extra
   * variables), so queue-service books the tickets and notification-service tells the patient.
   */
  stack?: { notificationEnv?: Record<string, string> };
  /**
   * Also run the real queue-service alone (facility master data and tickets, no notifications):
   * the rules tests need its events, not the patient's messages.
   */
  withQueue?: boolean;
}

export class ReferralHarness {
  readonly settings;
  readonly service: ServiceProcess;
  /** queue-service and notification-service, when the options ask for the whole stack. */
  readonly others: ServiceProcess[] = [];
  readonly base: string;
  readonly queue: QueueClient;
  readonly notificationBase: string;
  referrals!: TopicReader;
  private producer!: Producer;
  private patient: number;

  constructor(port: number, name: string, patientSeed: number, options: HarnessOptions = {}) {
    const settings = testStack({
      gateway: port - 2,
      'queue-service': port - 1,
      'referral-service': port,
      'notification-service': port + 1,
    });
    this.settings = {
      ...settings,
      extraEnv: {
        ...settings.extraEnv,
        'referral-service': {
          WEBHOOK_POLL_INTERVAL_MS: '100',
          WEBHOOK_RETRY_BASE_MS: '200',
          WEBHOOK_RETRY_MAX_MS: '800',
          EXPIRY_SWEEP_INTERVAL_MS: '0',
        },
        'notification-service': options.stack?.notificationEnv ?? {},
      },
    };
    this.base = `http://127.0.0.1:${port}`;
    this.queue = new QueueClient(`http://127.0.0.1:${port - 1}`);
    this.notificationBase = `http://127.0.0.1:${port + 1}`;
    this.patient = patientSeed;
    const processOf = (n: ServiceName) =>
      new ServiceProcess(n, this.settings, join(REPO_ROOT, `.infra/test-logs/${name}/${n}.log`));
    this.service = processOf('referral-service');
    if (options.stack)
      this.others.push(processOf('queue-service'), processOf('notification-service'));
    else if (options.withQueue) this.others.push(processOf('queue-service'));
  }

  async start(): Promise<void> {
    const all = [this.service, ...this.others];
    await Promise.all(all.map((p) => p.start().waitReady()));
    const kafka = createKafka(this.settings.kafkaBrokers.split(','), 'e2e-queue-sim');
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    this.referrals = await new TopicReader(
      this.settings.kafkaBrokers,
      Topic.ReferralReferrals,
    ).start();
  }

  /**
   * Earlier test files may have left events on the broker: let every running service's consumer
   * group reach the end of the topics it reads before a test times anything.
   */
  async waitCaughtUp(): Promise<void> {
    const brokers = this.settings.kafkaBrokers;
    const groups: Array<[string, Topic]> = [
      ['referral-service', Topic.QueueTickets],
      ['referral-service', Topic.QueueFacilities],
    ];
    const running = new Set(this.others.map((p) => p.name));
    if (running.has('queue-service')) groups.push(['queue-service', Topic.ReferralReferrals]);
    if (running.has('notification-service'))
      groups.push(
        ['notification-service', Topic.QueueTickets],
        ['notification-service', Topic.ReferralReferrals],
      );
    await Promise.all(groups.map(([g, t]) => waitForConsumerGroupCaughtUp(brokers, g, t)));
  }

  async stop(): Promise<void> {
    await this.referrals?.stop();
    await this.producer?.disconnect();
    await Promise.all([this.service, ...this.others].map((p) => p.stop()));
  }

  /** Publishes a contract event as queue-service would (validated by buildEvent). */
  async publish<T extends EventType>(type: T, payload: EventPayload<T>, key: string) {
    const env = buildEvent(type, payload, {
      producer: 'queue-service',
      correlationId: 'e2e-queue-sim',
      key,
    });
    await this.sendRaw(env);
    return env;
  }

  /** Sends an envelope as is: sending one twice is a redelivery. */
  async sendRaw(env: { id: string; type: EventType; key: string }): Promise<void> {
    await this.producer.send({
      topic: topicOf(env.type),
      messages: [
        { key: env.key, value: JSON.stringify(env), headers: { [EventHeader.EventId]: env.id } },
      ],
    });
  }

  /** queue-service's answer to referral.accepted: the ticket, with the referral's number. */
  bookTicketFor(r: ReferralBody, accepted: Envelope, displayNumber: string, poliCode = 'INT') {
    return this.publish(
      'queue.ticket.booked',
      {
        ticketId: randomUUID(),
        bookingCode: `B${r.number.slice(-9)}`,
        facilityCode: accepted.key,
        poliCode,
        poliName: poliCode,
        serviceDate: String(accepted.payload.visitDate),
        queueNumber: 5,
        displayNumber,
        patientRef: String(accepted.payload.patientRef),
        source: 'referral',
        bookedAt: new Date().toISOString(),
        visitType: 1,
        referenceNumber: r.number,
        referralId: r.id,
        contact: { phone: '081234567890', locale: 'id' },
      },
      accepted.key,
    );
  }

  eventsOf(referralId: string): Envelope[] {
    return this.referrals.envelopes<Envelope>().filter((e) => e.payload.referralId === referralId);
  }

  waitEvent(referralId: string, type: string): Promise<Envelope> {
    return eventually(() => {
      const e = this.eventsOf(referralId).find((x) => x.type === type);
      if (!e) throw new Error(`${type} not on Kafka yet`);
      return Promise.resolve(e);
    });
  }

  refer(
    origin: string,
    destination: string,
    over: Record<string, unknown> = {},
  ): Promise<JsonResponse<ReferralBody>> {
    return postJson<ReferralBody>(`${this.base}/v1/referrals`, {
      originFacilityCode: origin,
      referringDoctor: 'dr. Andi Pratama',
      patient: this.nextPatient(),
      diagnosisCode: 'E11.5',
      destination: { facilityCode: destination, poliCode: 'INT' },
      plannedVisitDate: plusDays(todayIso(), 2),
      ...over,
    });
  }

  /** A fresh patient (unique NIK and phone), as the FKTP doctor enters them. */
  nextPatient(): { nik: string; name: string; phone: string } {
    this.patient += 1;
    // Unique across test files too: other files book small nikFor(i) numbers on the same databases,
    // and a shared NIK would be the same patient (same reference, same notifications).
    const n = this.serial + this.patient;
    return { nik: nikFor(n), name: 'Siti Aminah', phone: phoneFor(n % 100_000_000) };
  }

  /** A random base per harness, far above the small numbers other test files use. */
  private readonly serial = 900_000_000 + randomInt(0, 90_000_000);

  act(id: string, verb: string, body: unknown = {}): Promise<JsonResponse<ReferralBody>> {
    return postJson<ReferralBody>(`${this.base}/v1/referrals/${id}/${verb}`, body);
  }

  async read(id: string): Promise<ReferralBody> {
    return (await getJson<ReferralBody>(`${this.base}/v1/referrals/${id}`)).body;
  }

  async registerWebhook(facilityCode: string, url: string, secret: string): Promise<number> {
    const res = await serviceFetch(`${this.base}/v1/hospitals/${facilityCode}/webhook`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, secret }),
    });
    return res.status;
  }

  /** Waits until the facility read model knows these hospitals for the poli. */
  async waitFacilities(origin: string, poli: string, codes: string[]): Promise<void> {
    await eventually(async () => {
      const r = await getJson<{ suggestions: Array<{ facilityCode: string }> }>(
        `${this.base}/v1/referral-destinations?origin=${origin}&poli=${poli}&limit=50`,
      );
      const known = r.body.suggestions.map((s) => s.facilityCode);
      for (const c of codes) expect(known).toContain(c);
    });
  }
}
