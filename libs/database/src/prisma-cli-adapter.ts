import { PrismaPg } from '@prisma/adapter-pg';
import { pgPoolConfigFromUrl } from './pg-connection';

/** Used only by prisma.config.ts files: the Prisma CLI runs migrations through the pg driver adapter. */
export function prismaAdapterFromEnv(variable: string): PrismaPg {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set (postgresql://user@host:port/database)`);
  // allowExitOnIdle: the CLI process would otherwise wait for the pool's 10 s idle timeout.
  return new PrismaPg(pgPoolConfigFromUrl(url, { allowExitOnIdle: true, idleTimeoutMillis: 50 }));
}
