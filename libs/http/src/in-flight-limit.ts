import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { finalize, throwError, type Observable } from 'rxjs';
import { CommonErrorCode, DomainError } from './domain-error';

/**
 * Admission control: at most `maxInFlight` requests of a kind are worked on at once; one more is
 * refused at once with 503 `COMMON.UNAVAILABLE` and `Retry-After`, instead of queueing for the
 * database until the caller gives up. Beyond capacity, waiting adds latency and no throughput: the
 * requests let in still finish quickly, the rest learn at once to come back. 0 = no limit.
 */
export class InFlightLimit implements NestInterceptor {
  private inFlight = 0;

  constructor(
    readonly maxInFlight: number,
    readonly retryAfterSeconds = 2,
  ) {}

  get current(): number {
    return this.inFlight;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.maxInFlight > 0 && this.inFlight >= this.maxInFlight) {
      if (context.getType() === 'http') {
        void context
          .switchToHttp()
          .getResponse<FastifyReply>()
          .header('retry-after', String(this.retryAfterSeconds));
      }
      return throwError(
        () =>
          new DomainError(
            CommonErrorCode.Unavailable,
            `Layanan sedang sibuk melayani banyak permintaan. Silakan coba lagi dalam ${this.retryAfterSeconds} detik.`,
            { retryAfterSeconds: this.retryAfterSeconds },
          ),
      );
    }
    this.inFlight++;
    // Counted until the handler settles, even when the caller went away: the work goes on.
    return next.handle().pipe(finalize(() => this.inFlight--));
  }
}
