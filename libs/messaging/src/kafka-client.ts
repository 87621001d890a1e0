import { readFileSync } from 'node:fs';
import { Kafka, logLevel, Partitioners, type KafkaConfig, type Producer } from 'kafkajs';
import { ConfigError, type KafkaSecurityConfig } from '@app/config';
import { plainLogger } from '@app/logging';

/** TLS and SASL options of the kafkajs client; empty = plaintext. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/**
 * Turns a service's KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* / KAFKA_SSL_CA_FILE into kafkajs options,
 * at start: a SASL protocol without a user and password, or an unreadable CA file, stops the
 * service with a message naming the variable.
 */
export function kafkaSecurityOptions(config: KafkaSecurityConfig): KafkaSecurity {
  const protocol = config.KAFKA_SECURITY_PROTOCOL;
  const out: KafkaSecurity = {};
  if (protocol === 'ssl' || protocol === 'sasl_ssl') {
    if (config.KAFKA_SSL_CA_FILE) {
      let ca: string;
      try {
        ca = readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8');
      } catch (e) {
        throw new ConfigError(
          `Invalid configuration:\n  KAFKA_SSL_CA_FILE: cannot read ${config.KAFKA_SSL_CA_FILE} (${(e as Error).message})`,
        );
      }
      out.ssl = { ca: [ca], rejectUnauthorized: true };
    } else {
      out.ssl = { rejectUnauthorized: true };
    }
  }
  if (protocol === 'sasl_plaintext' || protocol === 'sasl_ssl') {
    const missing = (['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const).filter(
      (k) => !config[k],
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when KAFKA_SECURITY_PROTOCOL is ${protocol} (not set)`).join('\n')}`,
      );
    }
    const username = config.KAFKA_SASL_USERNAME!;
    const password = config.KAFKA_SASL_PASSWORD!;
    out.sasl =
      config.KAFKA_SASL_MECHANISM === 'scram-sha-256'
        ? { mechanism: 'scram-sha-256', username, password }
        : { mechanism: 'scram-sha-512', username, password };
  }
  return out;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs options shared by producers, consumers and the admin client; logs go through pino. */
export function kafkaConfig(
  brokers: string[],
  clientId: string,
  security: KafkaSecurity = {},
): KafkaConfig {
  const log = plainLogger(`${clientId}:kafkajs`, 'warn');
  return {
    clientId,
    brokers,
    ...security,
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

export function createKafka(
  brokers: string[],
  clientId: string,
  security: KafkaSecurity = {},
): Kafka {
  return new Kafka(kafkaConfig(brokers, clientId, security));
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
