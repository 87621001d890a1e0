import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { plainLogger } from '@app/logging';
import type { Consumer } from 'kafkajs';
import {
  ConsumerLagSampler,
  kafkaConsumerOptions,
  onPermanentConsumerCrash,
  type ConsumerGroupOptions,
} from '@app/messaging';
import { createHttpApp, type HttpAppOptions } from './bootstrap';

export interface ServiceStartOptions extends HttpAppOptions {
  module: DynamicModule;
  port: number;
  host: string;
  /** Kafka consumer group for the app's `@EventPattern` handlers, if it consumes events. */
  consumer?: ConsumerGroupOptions;
  /** Last adjustments before listening (e.g. a WebSocket adapter). */
  configure?: (app: NestFastifyApplication) => void;
}

/** Starts a service: HTTP edge, then topics, then its consumer group, then it listens. */
export async function startService(options: ServiceStartOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(options.module, options);
  options.configure?.(app);
  const consumer = options.consumer;
  const microservice = consumer
    ? app.connectMicroservice(kafkaConsumerOptions(consumer), { inheritAppConfig: true })
    : undefined;
  if (consumer) app.get(ConsumerLagSampler).watch(consumer);
  await app.init(); // creates missing topics before a consumer subscribes
  if (consumer && microservice) {
    await app.startAllMicroservices();
    // A consumer kafkajs gave up on leaves the service deaf to events: exit, to be restarted.
    const [, kafkaConsumer] = microservice.unwrap<[unknown, Consumer, unknown]>();
    onPermanentConsumerCrash(kafkaConsumer, (err) => {
      plainLogger(consumer.groupId).fatal(
        { err },
        'Kafka consumer stopped for good; exiting so the service is restarted',
      );
      process.exit(1);
    });
  }
  await app.listen({ port: options.port, host: options.host });
  return app;
}

/** Runs a service's main; any start-up failure (bad config included) is logged and exits 1. */
export function runMain(service: string, main: () => Promise<unknown>): void {
  main().catch((e: unknown) => {
    plainLogger(service).fatal({ err: e }, (e as Error).message);
    process.exit(1);
  });
}
