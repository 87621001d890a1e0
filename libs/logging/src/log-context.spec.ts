import { Writable } from 'node:stream';
import { storage, Store } from 'nestjs-pino/storage';
import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import pino from 'pino';
import { traceMixin, withLogBindings } from './index';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ mixin: traceMixin }, stream) };
}

describe('log context', () => {
  const provider = new NodeTracerProvider();
  provider.register(); // the async-context manager, as startTracing() installs it
  afterAll(() => provider.shutdown());
  const tracer = provider.getTracer('unit');

  it('binds an event’s correlation id to every line logged while it is handled', async () => {
    const { lines, logger } = capture();
    await storage.run(new Store(logger), () =>
      withLogBindings({ correlationId: 'corr-1', eventId: undefined }, async () => {
        await new Promise((r) => setImmediate(r));
        storage.getStore()!.logger.info('deep inside the handler');
      }),
    );
    storage.run(new Store(logger), () => storage.getStore()!.logger.info('after'));
    expect(lines[0]).toMatchObject({ correlationId: 'corr-1', msg: 'deep inside the handler' });
    expect(lines[0]).not.toHaveProperty('eventId');
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('adds the active trace id to lines logged outside a request or event scope', () => {
    const { lines, logger } = capture();
    const span = tracer.startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info('in a span'));
    logger.info('outside');
    span.end();
    expect(lines[0]).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
