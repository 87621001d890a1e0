import 'reflect-metadata';
import { serviceTokensOf } from '@app/config';
import { runMain, startService } from '@app/http';
import { kafkaSecurityOptions } from '@app/messaging';
import { NotificationServiceModule, SERVICE } from './app.module';
import { loadNotificationConfig } from './config';
import { NOTIFICATION_STATUS_TABLE } from './errors';

runMain(SERVICE, async () => {
  const config = loadNotificationConfig();
  await startService({
    module: NotificationServiceModule.forRoot(config),
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
    port: config.PORT,
    host: config.HOST,
    statusTable: NOTIFICATION_STATUS_TABLE,
    serviceTokens: serviceTokensOf(config),
    consumer: {
      brokers: config.KAFKA_BROKERS,
      security: kafkaSecurityOptions(config),
      clientId: `${SERVICE}-consumer`,
      groupId: SERVICE,
      fromBeginning: true,
      // Every partition of both topics at once (6 + 6): each event waits on Postgres round trips,
      // not on CPU, so a partition handled one event at a time should not wait for a free slot.
      partitionsConsumedConcurrently: 12,
    },
  });
});
