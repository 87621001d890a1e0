/**
 * Integration and end-to-end tiers: real Kafka (a broker started for this run), real Redis and
 * real Postgres (databases created for this run), services as real processes from dist/.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/integration/**/*.it-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  transform: require('./jest.swc'),
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 180_000,
  slowTestThreshold: 60,
};
