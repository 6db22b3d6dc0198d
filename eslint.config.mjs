// ESLint over every JavaScript and TypeScript file of the repository (the Python helpers: scripts/lint.mjs, ruff).
// The recommended rules, plus the type-aware ones that catch real mistakes in async code (a promise left unawaited).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `_name` says "unused on purpose" (a callback's leading parameters, a destructured field left out).
const UNUSED = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' };

export default tseslint.config(
  // Sample projects are the tests' fixtures (their bugs are on purpose); dist/ is built.
  { ignores: ['dist/', 'node_modules/', 'samples/', '**/node_modules/'] },
  js.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe() and it() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', UNUSED],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // Run inside each jest test file's context (setupFilesAfterEnv): jest's globals are there.
  {
    files: ['src/runners/jest/select.cjs', 'src/runners/jest/state-hooks.cjs'],
    languageOptions: { globals: globals.jest },
  },
  // Terminal colour codes (\x1b[…m) are stripped from runner output on purpose.
  { rules: { 'no-control-regex': 'off' } },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], rules: { 'no-unused-vars': ['error', UNUSED] } },
);
