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
    const parsed: T[] = [];
    for (const m of this.messages) {
      try {
        const value = JSON.parse(m.value) as unknown;
        if (value && typeof value === 'object' && 'type' in value && 'payload' in value)
          parsed.push(value as T);
      } catch {
        /* not JSON: a poison message from a dead-letter test */
      }
    }
    return parsed;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
