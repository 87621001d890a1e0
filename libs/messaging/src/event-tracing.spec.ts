import { AsyncResource } from 'node:async_hooks';
import type { ExecutionContext } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { context, trace, type SpanContext } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import type { Producer } from 'kafkajs';
import { firstValueFrom, of, defer } from 'rxjs';
import { EventHeader, Topic } from '@app/contracts';
import type { PendingOutboxRow, TransactionalSql } from '@app/database';
import { activeCorrelationId, tracer } from '@app/observability';
import { buildEvent, toOutboxMessage } from './event-factory';
import { KafkaTracingInterceptor, kafkaHeaderText } from './event-tracing';
import { OutboxRelay } from './outbox-relay';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ propagator: new W3CTraceContextPropagator() });
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const event = () =>
  buildEvent(
    'queue.ticket.booked',
    {
      ticketId: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
      bookingCode: '261124K7P2QX',
      facilityCode: '3329R001',
      poliCode: 'ANA',
      poliName: 'Anak',
      serviceDate: '2026-11-24',
      queueNumber: 7,
      displayNumber: 'ANA-007',
      patientRef: 'p_abcdefghijklmnop',
      source: 'online',
      bookedAt: '2026-11-23T08:00:00.000Z',
    },
    { producer: 'unit', correlationId: 'corr-1', key: '3329R001' },
  );

const parseTraceparent = (v: string) => {
  const [, traceId, spanId] = v.split('-');
  return { traceId, spanId };
};

describe('trace context through the outbox', () => {
  it('stores the traceparent of a PRODUCER span, child of the request that wrote the row', () => {
    const request = tracer().startSpan('POST /tickets');
    const row = context.with(trace.setSpan(context.active(), request), () =>
      toOutboxMessage(event()),
    );
    request.end();
    const stored = parseTraceparent(row.headers!.traceparent);
    const producer = exporter.getFinishedSpans().find((s) => s.name.startsWith('create '))!;
    expect(producer.name).toBe(`create ${Topic.QueueTickets}`);
    expect(stored).toEqual({
      traceId: request.spanContext().traceId,
      spanId: producer.spanContext().spanId,
    });
    expect(producer.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
  });

  it('the relay sends the stored headers next to the event headers', async () => {
    const msg = toOutboxMessage(event());
    const rows: PendingOutboxRow[] = [{ ...msg, seq: 1n }];
    let pending = true;
    const tx = {
      $queryRawUnsafe: (sql: string) =>
        Promise.resolve(sql.includes('advisory') ? [{ ok: true }] : pending ? rows : []),
      $executeRawUnsafe: () => {
        pending = false;
        return Promise.resolve(1);
      },
    };
    const db = { ...tx, $transaction: (fn: (t: typeof tx) => unknown) => fn(tx) };
    const sendBatch = jest.fn(() => Promise.resolve([]));
    const relay = new OutboxRelay(
      db as unknown as TransactionalSql,
      { sendBatch } as unknown as Producer,
    );
    await relay.drain();
    const sent = (
      sendBatch.mock.calls[0] as unknown as [
        { topicMessages: Array<{ messages: Array<{ headers: Record<string, string> }> }> },
      ]
    )[0].topicMessages[0].messages[0].headers;
    expect(sent.traceparent).toBe(msg.headers!.traceparent);
    expect(sent[EventHeader.EventId]).toBe(msg.id);
    expect(sent[EventHeader.CorrelationId]).toBe('corr-1');
  });
});

describe('KafkaTracingInterceptor', () => {
  const consumed = (headers: Record<string, Buffer>) => {
    const message = { key: Buffer.from('k'), value: Buffer.from('{}'), offset: '42', headers };
    const kafka = new KafkaContext([
      message as never,
      2,
      Topic.QueueTickets,
      {} as never,
      () => Promise.resolve(),
      {} as never,
    ]);
    return {
      getType: () => 'rpc',
      switchToRpc: () => ({ getContext: () => kafka }),
    } as unknown as ExecutionContext;
  };

  it('runs the handler in a CONSUMER span whose parent is the producer span from the header', async () => {
    const producer = tracer().startSpan(`create ${Topic.QueueTickets}`);
    producer.end();
    const { traceId, spanId } = producer.spanContext();
    const seen: { span?: SpanContext; correlationId?: string } = {};
    // As Nest's InterceptorsConsumer does: the handler is bound to the context handle() is called in.
    const handler = {
      handle: () =>
        defer(
          AsyncResource.bind(() => {
            seen.span = trace.getActiveSpan()?.spanContext();
            seen.correlationId = activeCorrelationId();
            return of('done');
          }),
        ),
    };
    const ctx = consumed({
      traceparent: Buffer.from(`00-${traceId}-${spanId}-01`),
      [EventHeader.CorrelationId]: Buffer.from('corr-9'),
      [EventHeader.EventId]: Buffer.from('evt-1'),
    });
    await expect(
      firstValueFrom(new KafkaTracingInterceptor().intercept(ctx, handler)),
    ).resolves.toBe('done');
    const consumer = exporter
      .getFinishedSpans()
      .find((s) => s.name === `process ${Topic.QueueTickets}`)!;
    expect(consumer.spanContext().traceId).toBe(traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(spanId);
    expect(seen.span?.spanId).toBe(consumer.spanContext().spanId);
    expect(seen.correlationId).toBe('corr-9');
    expect(consumer.attributes['messaging.kafka.offset']).toBe(42);
  });

  it('starts a new trace for a message without trace headers, and marks a failed handler', async () => {
    const handler = { handle: () => defer(() => Promise.reject(new Error('boom'))) };
    await expect(
      firstValueFrom(new KafkaTracingInterceptor().intercept(consumed({}), handler)),
    ).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status.code).toBe(2);
  });

  it('reads header values given as Buffers, strings or arrays', () => {
    expect(
      kafkaHeaderText({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('z')], d: undefined }),
    ).toEqual({
      a: 'x',
      b: 'y',
      c: 'z',
    });
  });
});
