import 'reflect-metadata';
import { serviceTokensOf } from '@app/config';
import { runMain, startService } from '@app/http';
import { kafkaSecurityOptions } from '@app/messaging';
import { QueueServiceModule, SERVICE } from './app.module';
import { loadQueueConfig } from './config';
import { QUEUE_STATUS_TABLE } from './errors';

runMain(SERVICE, async () => {
  const config = loadQueueConfig();
  await startService({
    module: QueueServiceModule.forRoot(config),
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
    port: config.PORT,
    host: config.HOST,
    statusTable: QUEUE_STATUS_TABLE,
    serviceTokens: serviceTokensOf(config),
    consumer: {
      brokers: config.KAFKA_BROKERS,
      security: kafkaSecurityOptions(config),
      clientId: `${SERVICE}-consumer`,
      groupId: SERVICE,
      fromBeginning: true,
    },
  });
});
