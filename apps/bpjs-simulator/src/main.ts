import 'reflect-metadata';
import { createHttpApp, runMain } from '@app/http';
import { SERVICE, SimulatorModule } from './app.module';
import { loadSimulatorConfig } from './config';

runMain(SERVICE, async () => {
  const config = loadSimulatorConfig();
  const app = await createHttpApp(SimulatorModule.forRoot(config), {
    bodyLimit: 256 * 1024,
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
  });
  await app.listen({ port: config.PORT, host: config.HOST });
});
