import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { WsAdapter } from '@nestjs/platform-ws';
import { runMain, startService } from '@app/http';
import { kafkaSecurityOptions } from '@app/messaging';
import { installRequestActorScope } from './auth/actor-headers';
import { AUTH_STATUS } from './auth/auth-errors';
import { GatewayModule, SERVICE } from './app.module';
import { loadGatewayConfig } from './config';
import { serveWebPages } from './pages/web-pages';
import { applyHttpSecurity } from './security/http-security';

runMain(SERVICE, async () => {
  const config = loadGatewayConfig();
  // Each gateway instance pushes every event to its own browsers: a group of its own, from now on.
  const instance = randomUUID().slice(0, 8);
  await startService({
    module: GatewayModule.forRoot(config),
    tracing: { service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT },
    port: config.PORT,
    host: config.HOST,
    bodyLimit: config.BODY_LIMIT_BYTES,
    statusTable: AUTH_STATUS,
    trustProxy: config.TRUST_PROXY_HOPS,
    configure: (app) => {
      app.useWebSocketAdapter(new WsAdapter(app));
      installRequestActorScope(app.getHttpAdapter().getInstance());
      applyHttpSecurity(app, config);
      serveWebPages(app);
    },
    consumer: {
      brokers: config.KAFKA_BROKERS,
      security: kafkaSecurityOptions(config),
      clientId: `${SERVICE}-${instance}`,
      groupId: `${SERVICE}-live-${instance}`,
      fromBeginning: false,
    },
  });
});
