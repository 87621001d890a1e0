import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { CommonErrorCode, DomainError } from './domain-error';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; errorId?: string };
}

/** Maps a domain error code to an HTTP status. Each app passes its own table. */
export type StatusTable = Record<string, HttpStatus>;

const COMMON_STATUS: StatusTable = {
  [CommonErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [CommonErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CommonErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CommonErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [CommonErrorCode.ServiceAuthRequired]: HttpStatus.UNAUTHORIZED,
  [CommonErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * The only place errors become HTTP answers: domain errors keep their code and message; framework
 * 4xx get a stable code; anything unexpected is a 500 with an error id, never a stack trace.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');
  private readonly table: StatusTable;

  constructor(table: StatusTable = {}) {
    this.table = { ...COMMON_STATUS, ...table };
  }

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // The Kafka transport inherits this filter: an event handler's error goes back to it untouched,
    // so kafkajs retries the message (a TypeError from answering "HTTP" here would stop the consumer).
    if (host.getType() !== 'http') return throwError(() => exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.toResponse(exception);
    void reply.status(status).send(body);
  }

  toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof DomainError) {
      const status = this.table[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      return [
        status,
        { error: { code: exception.code, message: exception.message, details: exception.details } },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500)
        return [
          status,
          { error: { code: codeForStatus(status), message: messageForStatus(status) } },
        ];
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return [
        fastifyStatus,
        { error: { code: codeForStatus(fastifyStatus), message: messageForStatus(fastifyStatus) } },
      ];
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unexpected error');
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      {
        error: {
          code: CommonErrorCode.Internal,
          message: 'Terjadi kesalahan pada sistem. Sebutkan kode ini kepada petugas.',
          errorId,
        },
      },
    ];
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case 404:
      return CommonErrorCode.NotFound;
    case 413:
      return CommonErrorCode.PayloadTooLarge;
    case 415:
      return CommonErrorCode.UnsupportedMediaType;
    case 429:
      return CommonErrorCode.RateLimited;
    default:
      return CommonErrorCode.ValidationFailed;
  }
}

function messageForStatus(status: number): string {
  switch (status) {
    case 404:
      return 'Alamat tidak ditemukan.';
    case 413:
      return 'Isi permintaan terlalu besar.';
    case 414:
    case 431:
      return 'Alamat atau header permintaan terlalu panjang.';
    case 415:
      return 'Format isi permintaan harus JSON.';
    case 429:
      return 'Terlalu banyak permintaan. Coba lagi sebentar lagi.';
    default:
      return 'Permintaan tidak valid.';
  }
}
