import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { serviceTokensOf } from '@app/config';
import { runMain, startService } from '@app/http';
import { kafkaSecurityOptions } from '@app/messaging';
import { ReferralServiceModule, SERVICE } from './app.module';
import { DEV_PATIENT_REF_SECRET, loadReferralConfig } from './config';
import { REFERRAL_STATUS_TABLE } from './errors';

runMain(SERVICE, async () => {
  const config = loadReferralConfig();
  await startService({
    module: ReferralServiceModule.forRoot(config),
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
    port: config.PORT,
    host: config.HOST,
    statusTable: REFERRAL_STATUS_TABLE,
    serviceTokens: serviceTokensOf(config),
    consumer: {
      brokers: config.KAFKA_BROKERS,
      security: kafkaSecurityOptions(config),
      clientId: `${SERVICE}-consumer`,
      groupId: SERVICE,
      fromBeginning: true,
    },
  });
  if (config.NODE_ENV === 'production' && config.PATIENT_REF_SECRET === DEV_PATIENT_REF_SECRET) {
    new Logger(SERVICE).warn(
      'PATIENT_REF_SECRET is the development default: set the same secret as queue-service',
    );
  }
});
