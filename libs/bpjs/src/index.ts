export * from './signature';
export * from './response-crypto';
export * from './antrol';
