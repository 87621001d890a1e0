import { PrismaPg } from '@prisma/adapter-pg';
import type { HealthIndicator } from '@app/observability';
import { pgPoolConfigFromUrl } from './pg-connection';
import type { RawSql } from './raw-sql';

/** Builds a service's generated Prisma client on the pg driver adapter (no Rust engine). */
export function createPrismaClient<C>(
  Client: new (options: { adapter: PrismaPg }) => C,
  url: string,
  poolSize = 10,
): C {
  return new Client({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: poolSize })) });
}

export class PostgresHealthIndicator implements HealthIndicator {
  readonly name = 'postgres';
  constructor(private readonly db: RawSql) {}

  async check(): Promise<void> {
    await this.db.$queryRawUnsafe('SELECT 1');
  }
}
