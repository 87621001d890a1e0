import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** bpjs-bridge's own database (credentials, Antrol calls, processed events). */
@Injectable()
export class BridgeDb extends PrismaClient implements OnApplicationShutdown {
  constructor(url: string) {
    super({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: 10 })) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type BridgeTx = Parameters<Parameters<BridgeDb['$transaction']>[0]>[0];
