import { Controller, Get, Inject, Logger, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CorrelationId } from '@app/http';
import { Access } from '../auth/access';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { forward, queryOf } from '../upstream/forward';
import { UpstreamClient } from '../upstream/upstream.client';
import {
  combineDashboard,
  type DistrictKpisAnswer,
  type DistrictRrnsAnswer,
} from './district-dashboard';

const enc = encodeURIComponent;
/** The query parameters the dashboard passes on to queue-service's KPIs. */
export const DASHBOARD_QUERY = ['date'] as const;

/**
 * The district health office's dashboard: one call answers a district's day, queue-service's
 * indicators per facility joined with referral-service's RRNS of the month per FKTP. The services
 * validate (a bad date is their 400); the edge only joins, and still answers without the RRNS
 * when referral-service is down.
 */
@Controller('api/v1/districts')
export class DashboardController {
  private readonly logger = new Logger('DashboardController');

  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Districts with their number of facilities, for the dashboard's picker. */
  @Get()
  @Access({ roles: ['district_officer'] })
  list(@CorrelationId() correlationId: string, @Res() reply: FastifyReply): Promise<void> {
    return forward(this.upstream, reply, 'GET', `${this.config.QUEUE_SERVICE_URL}/v1/districts`, {
      correlationId,
    });
  }

  @Get(':district/dashboard')
  @Access({ roles: ['district_officer'], district: 'param:district' })
  async dashboard(
    @Param('district') district: string,
    @Query() query: Record<string, unknown>,
    @CorrelationId() correlationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const kpis = await this.upstream.call(
      'GET',
      `${this.config.QUEUE_SERVICE_URL}/v1/districts/${enc(district)}/kpis${queryOf(query, DASHBOARD_QUERY)}`,
      { correlationId },
    );
    if (kpis.status !== 200) {
      void reply.status(kpis.status).send(kpis.body);
      return;
    }
    const answer = kpis.body as DistrictKpisAnswer;
    void reply.send(
      combineDashboard(answer, await this.rrns(district, answer.date, correlationId)),
    );
  }

  private async rrns(
    district: string,
    date: string,
    correlationId: string,
  ): Promise<DistrictRrnsAnswer | null> {
    const url = `${this.config.REFERRAL_SERVICE_URL}/v1/districts/${enc(district)}/rrns?month=${date.slice(0, 7)}`;
    try {
      const res = await this.upstream.call('GET', url, { correlationId });
      if (res.status === 200) return res.body as DistrictRrnsAnswer;
      this.logger.warn({ status: res.status, district }, 'district RRNS refused');
    } catch {
      // Unreachable: logged by the client; the dashboard shows the queue indicators without RRNS.
    }
    return null;
  }
}
