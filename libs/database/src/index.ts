export * from './raw-sql';
export * from './outbox';
export * from './processed-events';
export * from './pg-connection';
export * from './test-guard';
export * from './prisma-factory';
export * from './database.module';
