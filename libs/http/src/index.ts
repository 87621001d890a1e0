export * from './domain-error';
export * from './error-filter';
export * from './zod-body';
export * from './bootstrap';
export * from './correlation-id';
export * from './service-main';
export * from './openapi';
