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
import { createIdempotentProducer, createKafka } from './kafka-client';
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
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka);
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.health.close();
  }
}

/** The Kafka client, an idempotent producer, the dead-letter publisher and the Kafka health check. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(brokers: string[], clientId: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(brokers, clientId) },
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
        KafkaLifecycle,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, DeadLetterPublisher, KafkaHealthIndicator],
    };
  }
}
