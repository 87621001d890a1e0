import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { plainLogger } from '@app/logging';
import { kafkaConsumerOptions, type ConsumerGroupOptions } from '@app/messaging';
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
  if (options.consumer)
    app.connectMicroservice(kafkaConsumerOptions(options.consumer), { inheritAppConfig: true });
  await app.init(); // creates missing topics before a consumer subscribes
  if (options.consumer) await app.startAllMicroservices();
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
