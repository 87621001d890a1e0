import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import { kafkaConfig, type KafkaSecurity } from './kafka-client';

export interface ConsumerGroupOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  /** A new group reads from the start of the topics, so nothing published before it existed is missed. */
  fromBeginning: boolean;
  sessionTimeoutMs?: number;
  /** TLS / SASL, from kafkaSecurityOptions(config); plaintext when absent. */
  security?: KafkaSecurity;
  /**
   * Partitions handled at once (kafkajs `partitionsConsumedConcurrently`; order is kept within
   * each). 3 unless the service asks for more.
   */
  partitionsConsumedConcurrently?: number;
}

/**
 * Options for Nest's Kafka transport: `@EventPattern(Topic.X)` handlers are thin adapters that
 * hand the raw message to an EventInbox. Values stay binary so the inbox sees exactly what came.
 */
export function kafkaConsumerOptions(o: ConsumerGroupOptions): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaConfig(o.brokers, o.clientId, o.security),
      consumer: {
        groupId: o.groupId,
        sessionTimeout: o.sessionTimeoutMs ?? 10_000,
        heartbeatInterval: 1_000,
        allowAutoTopicCreation: false,
        retry: { initialRetryTime: 300, retries: 30, maxRetryTime: 5_000 },
      },
      subscribe: { fromBeginning: o.fromBeginning },
      run: {
        autoCommit: true,
        partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 3,
      },
      parser: { keepBinary: true },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      producerOnlyMode: false,
    },
  };
}
