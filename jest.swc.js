// The one transform all test tiers share: swc with decorator metadata (Nest DI needs it) and the
// tsconfig path aliases, read from .swcrc so there is a single list.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  '^.+\\.ts$': [
    '@swc/jest',
    { ...swcrc, $schema: undefined, jsc: { ...swcrc.jsc, baseUrl: __dirname }, sourceMaps: 'inline' },
  ],
};
