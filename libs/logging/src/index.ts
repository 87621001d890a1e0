import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import type { DynamicModule } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { scrubPersonalData } from './scrub';

export { scrubPersonalData } from './scrub';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Personal data that must never reach a log line (UU 27/2022): NIK, JKN card number, phone, name,
 * wherever they appear in a logged object, plus credentials.
 */
export const REDACTED_PATHS = [
  'nik',
  'cardNumber',
  'nomorkartu',
  'phone',
  'nohp',
  'norm',
  'password',
  '*.nik',
  '*.cardNumber',
  '*.nomorkartu',
  '*.phone',
  '*.nohp',
  '*.norm',
  '*.name',
  '*.nama',
  '*.password',
  '*.*.nik',
  '*.*.cardNumber',
  '*.*.phone',
  '*.*.nomorkartu',
  '*.*.nohp',
  '*.*.norm',
  '*.*.name',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-password"]',
  'req.headers["x-token"]',
];

export function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers[CORRELATION_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}

/** The trace id of the active span, if any. */
export function activeTraceId(): { traceId?: string } {
  const span = trace.getActiveSpan();
  return span ? { traceId: span.spanContext().traceId } : {};
}

/**
 * Trace ids on lines logged outside a request or event scope (whose loggers carry the trace id
 * as a binding already, so it is not written twice), e.g. kafkajs lines inside a consumer span.
 */
export function traceMixin(): { traceId?: string; spanId?: string } {
  if (storage.getStore()) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** A request's trace id, read once while its span is active (pino-http asks again at the end). */
const requestTraces = new WeakMap<object, { traceId?: string }>();
function requestTrace(req: object): { traceId?: string } {
  let found = requestTraces.get(req);
  if (!found) requestTraces.set(req, (found = activeTraceId()));
  return found;
}

/**
 * Runs `fn` with a child of the current logger carrying `bindings` (e.g. an event's correlation
 * id): every Nest `Logger` line written inside, however deep, carries them.
 */
export function withLogBindings<T>(bindings: Record<string, string | undefined>, fn: () => T): T {
  const base = storage.getStore()?.logger ?? PinoLogger.root;
  if (!base) return fn();
  const defined = Object.fromEntries(Object.entries(bindings).filter(([, v]) => v !== undefined));
  return storage.run(new Store(base.child(defined)), fn);
}

/**
 * Re-enters a request's logger scope (the one nestjs-pino opened in its middleware) when the async
 * context lost it, as it does after Fastify has read a request body from the socket.
 */
export function enterRequestLogScope(
  req: IncomingMessage & { log?: pino.Logger },
  run: () => void,
): void {
  if (storage.getStore() || !req.log) return run();
  storage.run(new Store(req.log), run);
}

/** Structured JSON logs with the correlation id and trace id on every request line. */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: service,
      mixin: traceMixin,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Values too: an identifier inside a message, URL or error text is masked as well.
      hooks: { streamWrite: scrubPersonalData },
      genReqId: (req) => correlationIdOf(req),
      customProps: (req) => ({
        correlationId: (req as IncomingMessage & { id?: string }).id,
        ...requestTrace(req),
      }),
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
    },
  });
}

/** A logger for code outside the Nest container (scripts, bootstrap failures). */
export function plainLogger(service: string, level = 'info'): pino.Logger {
  return pino({
    name: service,
    level,
    mixin: traceMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: scrubPersonalData },
  });
}
