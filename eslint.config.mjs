// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const apps = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** An app never imports another app; a lib never imports an app. */
const boundaries = [
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: apps
                .filter((other) => other !== app)
                .flatMap((other) => [`**/apps/${other}/**`, `**/${other}/src/**`]),
              message:
                'An app never imports another app: share through libs/ or learn through events.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'A lib never imports an app.' }] },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'apps/*/src/generated/**',
      '.infra/**',
      'coverage/**',
      'bench/results/**',
      '**/*.cjs',
      '**/*.mjs',
      'web/vite.config.mts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the app config module (libs/config).',
        },
      ],
    },
  },
  ...boundaries,
  {
    // The pages (web/, built by Vite for browsers): type-checked against web/tsconfig.json.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', '**/libs/**', '@app/*'],
              message: 'Pages talk to the gateway over HTTP and WebSocket, never import server code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Where the environment is the input: config loading, CLI helpers, tests, scripts and benchmarks.
    files: [
      'libs/config/**',
      'libs/database/src/prisma-cli-adapter.ts',
      'libs/testing/**',
      'test/**',
      'scripts/**',
      'bench/**',
      '**/*.spec.ts',
      '**/prisma.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
