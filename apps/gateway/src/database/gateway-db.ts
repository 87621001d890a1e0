import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** The gateway's own database: staff accounts and refresh tokens. */
@Injectable()
export class GatewayDb extends PrismaClient implements OnApplicationShutdown {
  constructor(url: string) {
    super({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: 5 })) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
