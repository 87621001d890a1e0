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

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
