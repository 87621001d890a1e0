import { requireBearerToken } from '@app/http';
import { QueueErrorCode } from '../errors';

/** `Authorization: Bearer <INTERNAL_API_TOKEN>` or a 401 with QUEUE.INTERNAL_AUTH_REQUIRED. */
export function requireInternalToken(header: string | undefined, token: string): void {
  requireBearerToken(header, token, QueueErrorCode.InternalAuthRequired);
}
