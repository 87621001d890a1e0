import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { PrismaClient } from '../generated/prisma/client';

/** referral-service's own database (referrals, hospital load read model, outbox). */
@Injectable()
export class ReferralDb extends PrismaClient implements OnApplicationShutdown {
  constructor(url: string) {
    super({ adapter: new PrismaPg(pgPoolConfigFromUrl(url, { max: 10 })) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

export type ReferralTx = Parameters<Parameters<ReferralDb['$transaction']>[0]>[0];
