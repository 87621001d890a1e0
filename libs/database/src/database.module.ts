import type { DynamicModule, Type } from '@nestjs/common';
import { PostgresHealthIndicator } from './prisma-factory';
import type { RawSql } from './raw-sql';

/**
 * Makes a service's Prisma client (its class is the injection token) and its Postgres health
 * check available to the whole app.
 */
export function databaseModule<T extends RawSql>(token: Type<T>, factory: () => T): DynamicModule {
  return {
    module: class DatabaseModule {},
    global: true,
    providers: [
      { provide: token, useFactory: factory },
      {
        provide: PostgresHealthIndicator,
        useFactory: (db: T) => new PostgresHealthIndicator(db),
        inject: [token],
      },
    ],
    exports: [token, PostgresHealthIndicator],
  };
}
