import 'reflect-metadata';
import { runMain, startService } from '@app/http';
import { NotificationServiceModule, SERVICE } from './app.module';
import { loadNotificationConfig } from './config';

runMain(SERVICE, async () => {
  const config = loadNotificationConfig();
  await startService({
    module: NotificationServiceModule.forRoot(config),
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
