import { SetMetadata, type Type } from '@nestjs/common';
import { HealthController, MetricsController } from '@app/observability';

export const SERVICE_AUTH_EXEMPT = 'http:service-auth-exempt';

/** Open without the service token; `reason` says why that is right (tests list every exemption). */
export const ServiceAuthExempt = (reason: string) => SetMetadata(SERVICE_AUTH_EXEMPT, reason);

/** The exemption reason of a handler (its own, else its controller's), undefined when guarded. */
export function serviceAuthExemption(
  controller: Type<unknown>,
  handler: object,
): string | undefined {
  return (Reflect.getMetadata(SERVICE_AUTH_EXEMPT, handler) ??
    Reflect.getMetadata(SERVICE_AUTH_EXEMPT, controller)) as string | undefined;
}

// Controllers every service mounts from @app/observability (which cannot import this library).
ServiceAuthExempt('liveness and readiness probes: the kubelet sends no token; status only')(
  HealthController,
);
ServiceAuthExempt(
  'Prometheus scrape sends no token: counts and timings only, no patient data; NetworkPolicy admits the monitoring namespace only',
)(MetricsController);
