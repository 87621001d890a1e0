import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  service: string;
  /** Base URL of an OTLP/HTTP receiver (`/v1/traces` is appended). Unset: spans stay in-process. */
  otlpEndpoint?: string;
}

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process's tracer provider, W3C trace-context propagation and the async-context
 * manager. Without an endpoint spans are still created (real ids that travel in `traceparent`)
 * but nothing is exported; with one they go out over OTLP/HTTP (JSON) in batches.
 */
export function startTracing(options: TracingOptions): void {
  if (provider) return;
  const spanProcessors = options.otlpEndpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) }))]
    : [];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

/** Flushes spans not yet exported; called at shutdown. */
export async function stopTracing(): Promise<void> {
  const p = provider;
  provider = undefined;
  await p?.shutdown().catch(() => undefined);
}

export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function tracer(): Tracer {
  return trace.getTracer('antrean-rujukan');
}

/** W3C trace-context headers (`traceparent`, `tracestate`) of a context, for HTTP or Kafka. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a caller's trace-context headers describe (root when they carry none or junk). */
export function contextFromHeaders(
  headers: Record<string, string | string[] | Buffer | undefined | null>,
): Context {
  const carrier: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== null) carrier[k.toLowerCase()] = String(first);
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The trace id and span id of the active span, for log lines; empty outside any span. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

const CORRELATION_ID = createContextKey('antrean.correlation-id');

/** Carries the correlation id in the async context (for work that has no request logger). */
export function withCorrelationId(ctx: Context, correlationId: string | undefined): Context {
  return correlationId ? ctx.setValue(CORRELATION_ID, correlationId) : ctx;
}

export function activeCorrelationId(): string | undefined {
  const value = context.active().getValue(CORRELATION_ID);
  return typeof value === 'string' ? value : undefined;
}
