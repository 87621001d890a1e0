import type { Pool } from 'undici';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { createIdempotentProducer, createKafka } from '../../libs/messaging/src/kafka-client';
import {
  bookingBody,
  bookPath,
  call,
  EVENT_FACILITY,
  idempotencyKey,
  nextPatient,
  POLIS,
  spreadFacility,
} from './api';
import { BENCH } from './config';
import { runStep, type StepResult } from './open-loop';
import { nowMs, sleep, summarize, type LatencySummary } from './stats';
import { liveClient, subscribe } from './ws';

export interface EventLatencyResult {
  rate: number;
  mode: 'spread' | 'hot';
  bookings: StepResult;
  /** Booking answered (HTTP 201 read by the client) → notification row written by notification-service. */
  toNotification: LatencySummary & { missing: number };
  /** Booking answered → the gateway's WebSocket push received by a subscribed client. */
  toWebSocket: LatencySummary & { missing: number };
  /** Bare kafkajs: idempotent producer (acks=all) send → consumer group eachMessage, same broker. */
  kafkaRoundTrip: LatencySummary & { missing: number };
}

/** Booking → notification-service and → WebSocket, against a bare Kafka round trip. */
export async function eventLatency(
  qs: Pool,
  wsUrl: string,
  notificationDbUrl: string,
  brokers: string,
  mode: 'spread' | 'hot',
): Promise<EventLatencyResult> {
  // Spread: the bench's facilities in turn (events on every partition). Hot: one facility, whose
  // events share one partition and are handled one after the other by each consumer.
  const facilities =
    mode === 'hot'
      ? [EVENT_FACILITY]
      : Array.from({ length: BENCH.facilities }, (_, i) => spreadFacility(i));
  const answered = new Map<string, { at: number; key: string }>();
  const pushed = new Map<string, number>();
  const socket = await liveClient(wsUrl, (m, at) => {
    if (m.event !== 'queue.ticket.booked') return;
    const key = `${String(m.data.facilityCode)}/${String(m.data.poliCode)}/${String(m.data.displayNumber)}`;
    pushed.set(key, at);
  });
  for (const facilityCode of facilities) await subscribe(socket, 'subscribe', { facilityCode });

  const bookings = await runStep(
    BENCH.eventRate,
    BENCH.eventMs,
    async (_i, signal) => {
      const p = nextPatient();
      const poli = p % POLIS.length;
      const facility = facilities[p % facilities.length];
      const r = await call<{ bookingCode: string; displayNumber: string }>(
        qs,
        'POST',
        bookPath(facility),
        bookingBody(p, poli, 0),
        idempotencyKey(p),
        signal,
      );
      if (r.status === 201) {
        answered.set(r.body.bookingCode, {
          at: nowMs(),
          key: `${facility}/${POLIS[poli]}/${r.body.displayNumber}`,
        });
      }
      return r.status;
    },
    BENCH.timeoutMs,
    BENCH.limits,
  );

  const db = new Client(pgPoolConfigFromUrl(notificationDbUrl));
  await db.connect();
  const consumedAt = new Map<string, number>();
  const deadline = Date.now() + 20_000;
  try {
    while (Date.now() < deadline) {
      // created_at is written in the consumer's transaction (timestamp(3), UTC).
      const rows = await db.query<{ subject: string; at: string }>(
        `SELECT subject, extract(epoch FROM min(created_at)) * 1000 AS at FROM notification
          WHERE subject = ANY($1) AND template LIKE 'ticket-booked%' GROUP BY subject`,
        [[...answered.keys()].map((code) => `ticket:${code}`)],
      );
      for (const r of rows.rows) consumedAt.set(r.subject.replace(/^ticket:/, ''), Number(r.at));
      const wsDone = [...answered.values()].every((a) => pushed.has(a.key));
      if (consumedAt.size >= answered.size && wsDone) break;
      await sleep(500);
    }
  } finally {
    await db.end();
    socket.close();
  }
  const toNotification: number[] = [];
  const toWebSocket: number[] = [];
  for (const [code, a] of answered) {
    const n = consumedAt.get(code);
    if (n !== undefined) toNotification.push(n - a.at);
    const w = pushed.get(a.key);
    if (w !== undefined) toWebSocket.push(w - a.at);
  }
  return {
    rate: BENCH.eventRate,
    bookings,
    toNotification: {
      ...summarize(toNotification),
      missing: answered.size - toNotification.length,
    },
    toWebSocket: { ...summarize(toWebSocket), missing: answered.size - toWebSocket.length },
    mode,
    kafkaRoundTrip: await kafkaRoundTrip(brokers, bookings.sent, mode === 'hot' ? 1 : 100),
  };
}

/** One topic per key count: a new group reading from the beginning sees only its own messages. */
const roundTripTopic = (keys: number): string => `bench.round-trip-${keys}.1`;

/** The same rate and count on a topic of the same broker, with the services' client settings. */
async function kafkaRoundTrip(
  brokers: string,
  count: number,
  keys: number,
): Promise<LatencySummary & { missing: number }> {
  const kafka = createKafka(brokers.split(','), 'bench-round-trip');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: roundTripTopic(keys), numPartitions: 6, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const consumer = kafka.consumer({
    groupId: `bench-round-trip-${process.pid}-${keys}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  const producer = createIdempotentProducer(kafka);
  const latencies: number[] = [];
  await Promise.all([consumer.connect(), producer.connect()]);
  const joined = new Promise<void>((res) => consumer.on(consumer.events.GROUP_JOIN, () => res()));
  await consumer.subscribe({ topic: roundTripTopic(keys), fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: ({ message }) => {
      const sentAt = Number(message.value?.toString('utf8'));
      latencies.push(nowMs() - sentAt);
      return Promise.resolve();
    },
  });
  await joined;
  await runStep(
    BENCH.eventRate,
    (count / BENCH.eventRate) * 1000,
    async (i) => {
      await producer.send({
        topic: roundTripTopic(keys),
        acks: -1,
        messages: [{ key: `LB${String(i % keys).padStart(3, '0')}R01`, value: String(nowMs()) }],
      });
      return 200;
    },
    BENCH.timeoutMs,
    BENCH.limits,
  );
  const deadline = Date.now() + 10_000;
  while (latencies.length < count && Date.now() < deadline) await sleep(100);
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  return { ...summarize(latencies), missing: count - latencies.length };
}
