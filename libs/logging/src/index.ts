import { LoggerModule } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino from 'pino';

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
  'password',
  '*.nik',
  '*.cardNumber',
  '*.nomorkartu',
  '*.phone',
  '*.nohp',
  '*.name',
  '*.nama',
  '*.password',
  '*.*.nik',
  '*.*.cardNumber',
  '*.*.phone',
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

/** Structured JSON logs with the correlation id on every request line. */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: service,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req) => correlationIdOf(req),
      customProps: (req) => ({ correlationId: (req as IncomingMessage & { id?: string }).id }),
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
  return pino({ name: service, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
