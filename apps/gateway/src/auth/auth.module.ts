import { type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { databaseModule } from '@app/database';
import { HealthController, MetricsController } from '@app/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GatewayDb } from '../database/gateway-db';
import { UpstreamClient } from '../upstream/upstream.client';
import { declareAccess } from './access';
import { AccessGuard } from './access.guard';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { PatientAccessController } from './patient-access.controller';
import { PatientOtp } from './patient-otp.service';
import { RateLimiter } from './rate-limit';
import { ScopeLookup } from './scope-lookup';
import { AccessTokens } from './tokens';

// Controllers the gateway mounts from libraries: probes and scrapes carry no patient data.
declareAccess(HealthController, { public: true, reason: 'liveness and readiness probes' });
declareAccess(MetricsController, {
  public: true,
  reason: 'Prometheus scrape (counts and timings only; keep /metrics off the public ingress)',
});

/** Accounts, tokens and the global access guard (every HTTP route declares who may use it). */
export function authModule(config: GatewayConfig): DynamicModule {
  const providers = [
    { provide: GATEWAY_CONFIG, useValue: config },
    AccessTokens,
    AccountsService,
    RateLimiter,
    ScopeLookup,
    UpstreamClient,
  ];
  return {
    module: class AuthModule {},
    global: true,
    imports: [databaseModule(GatewayDb, () => new GatewayDb(config.GATEWAY_DATABASE_URL))],
    controllers: [AuthController, AccountsController, PatientAccessController],
    providers: [...providers, PatientOtp, { provide: APP_GUARD, useClass: AccessGuard }],
    exports: [
      GATEWAY_CONFIG,
      AccessTokens,
      AccountsService,
      RateLimiter,
      ScopeLookup,
      UpstreamClient,
    ],
  };
}
