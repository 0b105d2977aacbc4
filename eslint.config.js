// ESLint over src, test, bench and scripts; `npm test` runs it and expects no findings.
// Type-aware rules run on src/ only, where they are cheap (one program of the sources) and
// where a floating promise or an unchecked `any` reaches users; tests get the syntactic set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'action/dist/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.build.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      // `_name` marks what is left out on purpose: an interface's unused parameter, or a field dropped by rest destructuring
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // leasekit matches control characters on purpose, to escape or refuse them in records and output
      'no-control-regex': 'off',
      // async marks implementations of async interfaces (Provider.read): a synchronous throw must still become a rejection
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // request bodies reaching the fake GitHub were already checked against GitHub's OpenAPI schema
    files: ['test/fakes/github.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', setTimeout: 'readonly' } },
  },
);
