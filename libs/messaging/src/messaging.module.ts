import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { Metrics } from '@app/observability';
import { ConsumerLagSampler } from './consumer-lag';
import { createIdempotentProducer, createKafka, type KafkaSecurity } from './kafka-client';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { KafkaHealthIndicator } from './kafka-health';
import { ensureTopics } from './topics';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    private readonly health: KafkaHealthIndicator,
    private readonly lag: ConsumerLagSampler,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka);
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.health.close();
    await this.lag.close();
  }
}

/**
 * The Kafka client, an idempotent producer, the dead-letter publisher, the Kafka health check and
 * the consumer-lag gauge (startService tells it which group to watch).
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(brokers: string[], clientId: string, security: KafkaSecurity = {}): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(brokers, clientId, security) },
        {
          provide: KAFKA_PRODUCER,
          useFactory: (k: Kafka) => createIdempotentProducer(k),
          inject: [KAFKA],
        },
        {
          provide: DeadLetterPublisher,
          useFactory: (p: Producer) => new DeadLetterPublisher(p),
          inject: [KAFKA_PRODUCER],
        },
        {
          provide: KafkaHealthIndicator,
          useFactory: (k: Kafka) => new KafkaHealthIndicator(k),
          inject: [KAFKA],
        },
        {
          provide: ConsumerLagSampler,
          useFactory: (k: Kafka, metrics: Metrics) => new ConsumerLagSampler(k, metrics),
          inject: [KAFKA, Metrics],
        },
        KafkaLifecycle,
      ],
      exports: [
        KAFKA,
        KAFKA_PRODUCER,
        DeadLetterPublisher,
        KafkaHealthIndicator,
        ConsumerLagSampler,
      ],
    };
  }
}
