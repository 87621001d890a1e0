import 'reflect-metadata';
import { createHttpApp, runMain } from '@app/http';
import { SERVICE, SimulatorModule } from './app.module';
import { loadSimulatorConfig } from './config';

runMain(SERVICE, async () => {
  const config = loadSimulatorConfig();
  const app = await createHttpApp(SimulatorModule.forRoot(config), { bodyLimit: 256 * 1024 });
  await app.listen({ port: config.PORT, host: config.HOST });
});
