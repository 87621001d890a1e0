import 'reflect-metadata';
import { runMain, startService } from '@app/http';
import { ReferralServiceModule, SERVICE } from './app.module';
import { loadReferralConfig } from './config';

runMain(SERVICE, async () => {
  const config = loadReferralConfig();
  await startService({
    module: ReferralServiceModule.forRoot(config),
    port: config.PORT,
    host: config.HOST,
    consumer: {
      brokers: config.KAFKA_BROKERS,
      clientId: `${SERVICE}-consumer`,
      groupId: SERVICE,
      fromBeginning: true,
    },
  });
});
