export * from './identity-cipher';
export * from './identity-config';
export * from './sealed-fields';
export * from './sealed-contact';
export * from './retention';
export * from './sealing-cli';
