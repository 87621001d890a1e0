import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Partitioners, type Producer } from 'kafkajs';
import { EventHeader, Topic, topicOf, type EventPayload, type EventType } from '@app/contracts';
import { buildEvent, createKafka } from '@app/messaging';
import {
  eventually,
  getJson,
  nikFor,
  postJson,
  REPO_ROOT,
  ServiceProcess,
  testStack,
  TopicReader,
  type JsonResponse,
} from '@app/testing';

/**
 * What referral-service's end-to-end tests share: the service as a real process with fast webhook
 * retries, a Kafka producer that plays queue-service's side through its contract events, a reader
 * of the referral topic, and small HTTP helpers. Test support only; never imported by src/.
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

export class ReferralHarness {
  readonly settings;
  readonly service: ServiceProcess;
  readonly base: string;
  referrals!: TopicReader;
  private producer!: Producer;
  private patient: number;

  constructor(port: number, name: string, patientSeed: number) {
    this.settings = testStack({
      gateway: port - 2,
      'queue-service': port - 1,
      'referral-service': port,
      'notification-service': port + 1,
    });
    this.base = `http://127.0.0.1:${port}`;
    this.patient = patientSeed;
    this.service = new ServiceProcess(
      'referral-service',
      this.settings,
      join(REPO_ROOT, `.infra/test-logs/${name}/referral-service.log`),
      {
        PATIENT_REF_SECRET: this.settings.patientRefSecret,
        WEBHOOK_POLL_INTERVAL_MS: '100',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_RETRY_MAX_MS: '800',
        EXPIRY_SWEEP_INTERVAL_MS: '0',
      },
    );
  }

  async start(): Promise<void> {
    await this.service.start().waitReady();
    const kafka = createKafka(this.settings.kafkaBrokers.split(','), 'e2e-queue-sim');
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    this.referrals = await new TopicReader(
      this.settings.kafkaBrokers,
      Topic.ReferralReferrals,
    ).start();
  }

  async stop(): Promise<void> {
    await this.referrals?.stop();
    await this.producer?.disconnect();
    await this.service.stop();
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
    return this.referrals.messages
      .map((m) => JSON.parse(m.value) as Envelope)
      .filter((e) => e.payload.referralId === referralId);
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
      patient: { nik: nikFor(++this.patient), name: 'Siti Aminah', phone: '081234567890' },
      diagnosisCode: 'E11.5',
      destination: { facilityCode: destination, poliCode: 'INT' },
      plannedVisitDate: plusDays(todayIso(), 2),
      ...over,
    });
  }

  act(id: string, verb: string, body: unknown = {}): Promise<JsonResponse<ReferralBody>> {
    return postJson<ReferralBody>(`${this.base}/v1/referrals/${id}/${verb}`, body);
  }

  async read(id: string): Promise<ReferralBody> {
    return (await getJson<ReferralBody>(`${this.base}/v1/referrals/${id}`)).body;
  }

  async registerWebhook(facilityCode: string, url: string, secret: string): Promise<number> {
    const res = await fetch(`${this.base}/v1/hospitals/${facilityCode}/webhook`, {
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
        `${this.base}/v1/referral-destinations?origin=${origin}&poli=${poli}`,
      );
      const known = r.body.suggestions.map((s) => s.facilityCode);
      for (const c of codes) expect(known).toContain(c);
    });
  }
}
