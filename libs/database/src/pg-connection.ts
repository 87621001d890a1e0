import type { PoolConfig } from 'pg';

/**
 * PrismaPg wants discrete connection fields (a connectionString trips the migration engine here),
 * so every Postgres URL in the project goes through this one parser.
 */
export function pgPoolConfigFromUrl(url: string, overrides: Partial<PoolConfig> = {}): PoolConfig {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new Error(`not a postgres URL: ${u.protocol}`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('the postgres URL names no database');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
    ...overrides,
  };
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
