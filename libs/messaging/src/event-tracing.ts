import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { EventHeader } from '@app/contracts';
import { withLogBindings } from '@app/logging';
import { contextFromHeaders, traceHeaders, tracer, withCorrelationId } from '@app/observability';

// Attribute names from the OpenTelemetry messaging conventions (still "incubating" upstream).
const MESSAGING_SYSTEM = 'messaging.system';
const DESTINATION = 'messaging.destination.name';
const OPERATION = 'messaging.operation.type';
const MESSAGE_ID = 'messaging.message.id';
const PARTITION = 'messaging.destination.partition.id';
const OFFSET = 'messaging.kafka.offset';

/**
 * The producer side of an event's trace. The outbox row is the message being created, so a short
 * PRODUCER span is recorded now, as a child of whatever is active (the HTTP request, a job), and
 * its context is stored with the row; the relay sends it as Kafka headers, so the consumer's span
 * becomes its child however late the relay publishes.
 */
export function producerTraceHeaders(
  topic: string,
  event: { id: string; type: string },
): Record<string, string> {
  const span = tracer().startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [MESSAGING_SYSTEM]: 'kafka',
      [DESTINATION]: topic,
      [OPERATION]: 'create',
      [MESSAGE_ID]: event.id,
      'event.type': event.type,
    },
  });
  span.end();
  return traceHeaders(trace.setSpan(context.active(), span));
}

/** Kafka header values arrive as Buffers (or strings after Nest's parser); all as text here. */
export function kafkaHeaderText(
  headers: Record<string, unknown> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const first = Array.isArray(v) ? (v as unknown[])[0] : v;
    if (typeof first === 'string') out[k] = first;
    else if (Buffer.isBuffer(first)) out[k] = first.toString('utf8');
  }
  return out;
}

/**
 * Every `@EventPattern` handler runs inside a CONSUMER span that continues the producer's trace
 * (`traceparent` header), with the event's correlation id bound to every log line it writes.
 * Registered globally; HTTP requests pass through untouched (they have their own span).
 */
@Injectable()
export class KafkaTracingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'rpc') return next.handle();
    const kafka = ctx.switchToRpc().getContext<unknown>();
    if (!(kafka instanceof KafkaContext)) return next.handle();
    const message = kafka.getMessage();
    const topic = kafka.getTopic();
    const headers = kafkaHeaderText(message.headers);
    const parent = contextFromHeaders(headers);
    const eventId = headers[EventHeader.EventId];
    const correlationId = headers[EventHeader.CorrelationId];
    const span = tracer().startSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [MESSAGING_SYSTEM]: 'kafka',
          [DESTINATION]: topic,
          [OPERATION]: 'process',
          [PARTITION]: String(kafka.getPartition()),
          [OFFSET]: Number(message.offset),
          ...(eventId && { [MESSAGE_ID]: eventId }),
          ...(headers[EventHeader.EventType] && { 'event.type': headers[EventHeader.EventType] }),
        },
      },
      parent,
    );
    const active = withCorrelationId(trace.setSpan(parent, span), correlationId);
    // next.handle() binds the handler to the async context it is called in: call it inside.
    const { traceId } = span.spanContext();
    const handled = withLogBindings({ correlationId, eventId, traceId }, () =>
      context.with(active, () => next.handle()),
    );
    return new Observable((subscriber) =>
      handled.subscribe({
        next: (v) => subscriber.next(v),
        error: (e: unknown) => {
          span.recordException(e as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
          span.end();
          subscriber.error(e);
        },
        complete: () => {
          span.end();
          subscriber.complete();
        },
      }),
    );
  }
}
