import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl, PostgresHealthIndicator } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** queue-service's own database (tickets, facilities, outbox). */
@Injectable()
export class QueueDb extends PrismaClient implements OnApplicationShutdown {
  constructor(url: string) {
    super({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: 20 })) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type QueueTx = Parameters<Parameters<QueueDb['$transaction']>[0]>[0];

export class QueueDbHealth extends PostgresHealthIndicator {}
