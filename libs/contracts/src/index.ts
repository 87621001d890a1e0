export * from './topics';
export * from './envelope';
export * from './registry';
export * from './dead-letter';
export * from './events/ticket-booked';
