import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError } from './domain-error';

/** NUL, or a UTF-16 surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Where in a request value (body, query or path) there is text nobody types and Postgres will not
 * take — NUL in any text column, unpaired surrogates in jsonb — as a dotted path; undefined if none.
 * Walks iteratively, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path || '(root)';
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, path ? `${path}.${i}` : String(i)]));
    } else if (v !== null && typeof v === 'object' && isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (UNSTORABLE.test(k)) return at;
        stack.push([x, at]);
      }
    }
  }
  return undefined;
}

/**
 * Global pipe: refuses text that can never be stored with COMMON.VALIDATION_FAILED at the edge,
 * before any route's own validation, instead of letting Postgres turn it into a 500.
 */
export class UnstorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param')
      return value;
    const at = findUnstorableText(value);
    if (at === undefined) return value;
    throw new DomainError(
      CommonErrorCode.ValidationFailed,
      'Teks berisi karakter yang tidak diizinkan (NUL atau karakter Unicode yang rusak).',
      { issues: [{ path: at, message: 'NUL or an unpaired UTF-16 surrogate is not allowed' }] },
    );
  }
}
