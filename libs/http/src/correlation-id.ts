import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { correlationIdOf } from '@app/logging';

/**
 * The request's correlation id: the caller's `x-correlation-id` when well-formed, else a new one.
 * It travels into event envelopes and Kafka headers so one booking can be followed everywhere.
 */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return typeof req.id === 'string' && req.id.length > 0 ? req.id : correlationIdOf(req.raw);
});
