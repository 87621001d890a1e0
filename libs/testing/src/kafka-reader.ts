import { randomUUID } from 'node:crypto';
import { createKafka } from '@app/messaging';
import type { Consumer } from 'kafkajs';

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Collects every message of a topic from its beginning, under a throwaway consumer group. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string,
    private readonly topic: string,
  ) {}

  async start(): Promise<this> {
    const kafka = createKafka(this.brokers.split(','), `test-reader-${randomUUID().slice(0, 8)}`);
    this.consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        this.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers,
          partition,
          offset: message.offset,
        });
        return Promise.resolve();
      },
    });
    return this;
  }

  /**
   * The messages that are JSON envelopes, parsed. Other test files put poison messages on the same
   * topics on purpose; readers of a shared broker skip them.
   */
  envelopes<
    T = { id: string; type: string; key: string; payload: Record<string, unknown> },
  >(): T[] {
    return envelopesOf<T>(this.messages);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/**
 * Every message of a topic up to its end as it is now: the end offsets are taken first (admin
 * fetchTopicOffsets), then a throwaway consumer group reads from the beginning until it reached
 * them on every partition. Nothing depends on how long a reader was given; a checker that calls
 * this after the producers' outboxes are drained sees everything they published.
 */
export async function readTopicToEnd(
  brokers: string,
  topic: string,
  timeoutMs = 120_000,
): Promise<ReadMessage[]> {
  const kafka = createKafka(brokers.split(','), `test-read-to-end-${randomUUID().slice(0, 8)}`);
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter((p) => BigInt(p.high) > BigInt(p.low))
        .map((p) => [p.partition, BigInt(p.high)]),
    );
  } finally {
    await admin.disconnect();
  }
  const messages: ReadMessage[] = [];
  if (ends.size === 0) return messages;
  const next = new Map<number, bigint>();
  const reached = () => [...ends].every(([p, end]) => (next.get(p) ?? -1n) >= end);
  const consumer = kafka.consumer({ groupId: `test-read-to-end-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((res) => (done = res));
    await consumer.run({
      eachMessage: ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers,
          partition,
          offset: message.offset,
        });
        next.set(partition, BigInt(message.offset) + 1n);
        if (reached()) done();
        return Promise.resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const behind = [...ends].map(([p, end]) => `${p}: ${next.get(p) ?? 0}/${end}`);
          reject(
            new Error(`${topic} not read to its end in ${timeoutMs} ms (${behind.join(', ')})`),
          );
        }, timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** The JSON envelopes among read messages (poison messages other tests put on a topic skipped). */
export function envelopesOf<
  T = { id: string; type: string; key: string; payload: Record<string, unknown> },
>(messages: ReadMessage[]): T[] {
  const parsed: T[] = [];
  for (const m of messages) {
    try {
      const value = JSON.parse(m.value) as unknown;
      if (value && typeof value === 'object' && 'type' in value && 'payload' in value)
        parsed.push(value as T);
    } catch {
      /* not JSON */
    }
  }
  return parsed;
}
