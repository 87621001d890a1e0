/**
 * Fault-injection tier (`npm run test:faults`): services as real processes under steady load while
 * their processes, Kafka, Redis and Postgres are killed and restarted. It runs its own private
 * Kafka, Redis and Postgres (test/faults/support/global-setup.ts), never the machine's.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform: require('./jest.swc'),
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 600_000,
  slowTestThreshold: 300,
};
