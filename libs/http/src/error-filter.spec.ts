import {
  BadRequestException,
  HttpStatus,
  NotFoundException,
  type ArgumentsHost,
} from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';
import { DomainError } from './domain-error';
import { HttpErrorFilter } from './error-filter';

describe('HttpErrorFilter', () => {
  const filter = new HttpErrorFilter({ 'QUEUE.QUOTA_EXHAUSTED': HttpStatus.CONFLICT });

  it('keeps a domain error code and message, with the status from the table', () => {
    const [status, body] = filter.toResponse(
      new DomainError('QUEUE.QUOTA_EXHAUSTED', 'Kuota habis.'),
    );
    expect(status).toBe(409);
    expect(body.error).toEqual({
      code: 'QUEUE.QUOTA_EXHAUSTED',
      message: 'Kuota habis.',
      details: undefined,
    });
  });

  it('gives framework 4xx errors stable codes', () => {
    expect(filter.toResponse(new NotFoundException())[1].error.code).toBe('COMMON.NOT_FOUND');
    expect(filter.toResponse(new BadRequestException())[1].error.code).toBe(
      'COMMON.VALIDATION_FAILED',
    );
    expect(filter.toResponse({ statusCode: 413 })[0]).toBe(413);
  });

  it('hides unexpected errors behind an error id, never a stack trace', () => {
    const [status, body] = filter.toResponse(new TypeError('secret internals at line 42'));
    expect(status).toBe(500);
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toContain('secret internals');
  });

  it('hands an event handler error back to the Kafka transport so the message is redelivered', async () => {
    const outage = new Error("Can't reach database server");
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const result = filter.catch(outage, host);
    if (!isObservable(result)) throw new Error('expected an Observable');
    await expect(lastValueFrom(result)).rejects.toBe(outage);
  });
});
