import { defineConfig } from 'prisma/config';
import { prismaAdapterFromEnv } from '../../../libs/database/src/prisma-cli-adapter';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  adapter: () => Promise.resolve(prismaAdapterFromEnv('GATEWAY_DATABASE_URL')),
});
