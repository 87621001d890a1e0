import { Kafka, logLevel, Partitioners, type KafkaConfig, type Producer } from 'kafkajs';
import { plainLogger } from '@app/logging';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs options shared by producers, consumers and the admin client; logs go through pino. */
export function kafkaConfig(brokers: string[], clientId: string): KafkaConfig {
  const log = plainLogger(`${clientId}:kafkajs`, 'warn');
  return {
    clientId,
    brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const level = LEVELS[entry.level] ?? 'info';
      const { message, ...rest } = entry.log;
      log[level]({ ...rest, namespace: entry.namespace }, message);
    },
  };
}

export function createKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka(kafkaConfig(brokers, clientId));
}

/** Idempotent producer: a retried send never writes a message twice on the broker. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // The Java client's murmur2 partitioner: one facility lands on the same partition in every client.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
