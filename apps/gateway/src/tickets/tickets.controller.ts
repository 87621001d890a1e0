import { Body, Controller, Get, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CorrelationId } from '@app/http';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { UpstreamClient } from '../upstream/upstream.client';

/**
 * The public booking API. queue-service owns the rules and validation; the edge forwards the
 * request with its correlation and idempotency keys and answers with queue-service's answer.
 */
@Controller('api/v1')
export class TicketsController {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('facilities/:facilityCode/tickets')
  async book(
    @Param('facilityCode') facilityCode: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const res = await this.upstream.call(
      'POST',
      `${this.config.QUEUE_SERVICE_URL}/v1/facilities/${encodeURIComponent(facilityCode)}/tickets`,
      { correlationId, body: body ?? {}, headers: { 'idempotency-key': idempotencyKey } },
    );
    void reply.status(res.status).send(res.body);
  }

  @Get('tickets/:bookingCode')
  async read(
    @Param('bookingCode') bookingCode: string,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const res = await this.upstream.call(
      'GET',
      `${this.config.QUEUE_SERVICE_URL}/v1/tickets/${encodeURIComponent(bookingCode)}`,
      { correlationId },
    );
    void reply.status(res.status).send(res.body);
  }

  @Get('facilities')
  async facilities(
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const res = await this.upstream.call('GET', `${this.config.QUEUE_SERVICE_URL}/v1/facilities`, {
      correlationId,
    });
    void reply.status(res.status).send(res.body);
  }
}
