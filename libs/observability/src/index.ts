export * from './health';
export * from './metrics';
export * from './sampled-gauge';
export * from './tracing';
export * from './http-tracing';
export * from './client-tracing';
