import {
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  Res,
  type DynamicModule,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** A dependency a service needs to do its work (Kafka, Redis, Postgres, ...). */
export interface HealthIndicator {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
const CHECK_TIMEOUT_MS = 2_000;

export interface HealthReport {
  status: 'up' | 'down';
  service: string;
  checks: Record<string, { status: 'up' | 'down'; error?: string; latencyMs: number }>;
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    @Inject('SERVICE_NAME') private readonly service: string,
  ) {}

  async report(): Promise<HealthReport> {
    type Check = HealthReport['checks'][string];
    const entries: Array<readonly [string, Check]> = await Promise.all(
      this.indicators.map(async (indicator): Promise<readonly [string, Check]> => {
        const started = performance.now();
        try {
          await withTimeout(indicator.check(), CHECK_TIMEOUT_MS);
          return [
            indicator.name,
            { status: 'up', latencyMs: Math.round(performance.now() - started) },
          ];
        } catch (e) {
          return [
            indicator.name,
            {
              status: 'down',
              error: (e as Error).message,
              latencyMs: Math.round(performance.now() - started),
            },
          ];
        }
      }),
    );
    const checks: HealthReport['checks'] = Object.fromEntries(entries);
    const status = entries.every(([, c]) => c.status === 'up') ? 'up' : 'down';
    return { status, service: this.service, checks };
  }
}

/** `/health/live`: the process runs. `/health` and `/health/ready`: every dependency answers. */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get()
  async overall(@Res() reply: FastifyReply): Promise<void> {
    await this.ready(reply);
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.report();
    void reply.status(report.status === 'up' ? 200 : 503).send(report);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Module({})
export class HealthModule {
  /** `indicators` are provider tokens resolving to HealthIndicator instances. */
  static forRoot(service: string, indicators: Array<string | symbol | Function>): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        HealthService,
        { provide: 'SERVICE_NAME', useValue: service },
        {
          provide: HEALTH_INDICATORS,
          useFactory: (...found: HealthIndicator[]) => found,
          inject: indicators as never[],
        },
      ],
    };
  }
}
