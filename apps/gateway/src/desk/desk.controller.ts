import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommonErrorCode, CorrelationId, DomainError } from '@app/http';
import { Access } from '../auth/access';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward } from '../upstream/forward';
import { UpstreamClient } from '../upstream/upstream.client';

const enc = encodeURIComponent;
export const COUNTER_ACTIONS = [
  'call-next',
  'recall',
  'no-show',
  'start',
  'finish',
  'transfer',
] as const;
type CounterAction = (typeof COUNTER_ACTIONS)[number];
const isCounterAction = (a: string): a is CounterAction =>
  (COUNTER_ACTIONS as readonly string[]).includes(a);

/**
 * The front-desk console's API: a facility's counters, one counter's waiting list, and what the
 * desk does at it: desk staff (or the facility admin) of that facility. queue-service owns the rules.
 */
@Controller('api/v1/facilities/:facilityCode/counters')
@Access({ roles: ['desk'], facility: 'param:facilityCode' })
export class DeskController {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private counters(facilityCode: string): string {
    return `${this.config.QUEUE_SERVICE_URL}/v1/facilities/${enc(facilityCode)}/counters`;
  }

  @Get()
  list(
    @Param('facilityCode') facilityCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(this.upstream, reply, 'GET', this.counters(facilityCode), { correlationId });
  }

  @Get(':counterCode/queue')
  queue(
    @Param('facilityCode') facilityCode: string,
    @Param('counterCode') counterCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return forward(
      this.upstream,
      reply,
      'GET',
      `${this.counters(facilityCode)}/${enc(counterCode)}/queue`,
      {
        correlationId,
      },
    );
  }

  @Post(':counterCode/:action')
  @HttpCode(200)
  act(
    @Param('facilityCode') facilityCode: string,
    @Param('counterCode') counterCode: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isCounterAction(action)) {
      throw new DomainError(CommonErrorCode.NotFound, 'Tindakan loket tidak dikenal.');
    }
    return forward(
      this.upstream,
      reply,
      'POST',
      `${this.counters(facilityCode)}/${enc(counterCode)}/${action}`,
      { correlationId, body: body ?? {} },
    );
  }
}
