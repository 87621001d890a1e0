import { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { CommonErrorCode, DomainError } from './domain-error';

/**
 * Validates a request part against a zod schema; unknown fields are refused when the schema is
 * strict. The answer lists every problem by path so a person can fix the request.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new DomainError(CommonErrorCode.ValidationFailed, 'Data yang dikirim tidak valid.', {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
}
