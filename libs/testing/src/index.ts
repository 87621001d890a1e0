export * from './local-stack';
export * from './test-env';
export * from './fixtures';
export * from './eventually';
export * from './kafka-reader';
export * from './http';
export * from './ws-client';
