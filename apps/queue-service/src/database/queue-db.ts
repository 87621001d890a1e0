import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { pgPoolConfigFromUrl, PostgresHealthIndicator } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** queue-service's own database (tickets, facilities, outbox). */
@Injectable()
export class QueueDb extends PrismaClient implements OnApplicationShutdown {
  /**
   * The pg pool under the Prisma client, for the few hot statements written as plain SQL (the
   * booking path): one pool, so both count against the same connections. Ended by $disconnect.
   */
  readonly pool: Pool;

  constructor(url: string) {
    const pool = new Pool(pgPoolConfigFromUrl(url, { max: 20 }));
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type QueueTx = Parameters<Parameters<QueueDb['$transaction']>[0]>[0];

export class QueueDbHealth extends PostgresHealthIndicator {}
