/** Unit tier: no I/O, mocks allowed. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/web/src/**/*.spec.ts',
    '<rootDir>/test/deploy/**/*.spec.ts',
    '<rootDir>/test/docs/**/*.spec.ts',
  ],
  transform: require('./jest.swc'),
  moduleFileExtensions: ['ts', 'js', 'json'],
};
