import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** notification-service's own database (notifications, processed events). */
@Injectable()
export class NotificationDb extends PrismaClient implements OnApplicationShutdown {
  constructor(url: string) {
    super({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: 10 })) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type NotificationTx = Parameters<Parameters<NotificationDb['$transaction']>[0]>[0];
