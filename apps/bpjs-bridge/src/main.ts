import 'reflect-metadata';
import { serviceTokensOf } from '@app/config';
import { runMain, startService } from '@app/http';
import { kafkaSecurityOptions } from '@app/messaging';
import { BridgeModule, SERVICE } from './app.module';
import { loadBridgeConfig } from './config';
import { BRIDGE_STATUS_TABLE } from './errors';

runMain(SERVICE, async () => {
  const config = loadBridgeConfig();
  await startService({
    module: BridgeModule.forRoot(config),
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
    port: config.PORT,
    host: config.HOST,
    statusTable: BRIDGE_STATUS_TABLE,
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
