import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { traceHeaders, tracer } from './tracing';

/**
 * Runs an outgoing call in a CLIENT span (child of what is active) and hands it the W3C headers to
 * send, so the service called continues the same trace.
 */
export async function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  call: (headers: Record<string, string>, span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const ctx = trace.setSpan(context.active(), span);
  try {
    return await context.with(ctx, () => call(traceHeaders(ctx), span));
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
    throw e;
  } finally {
    span.end();
  }
}
