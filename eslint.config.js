// Lint: typed rules, and the one that matters most here — no unconsumed neverthrow Result.
import tseslint from 'typescript-eslint';
import mustUseResult from './eslint/must-use-result.js';

// Our own must-use-result (see eslint/must-use-result.js for why not eslint-plugin-neverthrow).
const neverthrow = { rules: { 'must-use-result': mustUseResult } };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'eslint.config.js', 'eslint/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { neverthrow },
    rules: {
      'neverthrow/must-use-result': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Node's recursive mkdir spins for ever on a path a pseudo-filesystem refuses (/proc/self/x):
  // the product creates directories with makeDirs (src/backends/fs/make-dirs.ts).
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name=/^mkdir(Sync)?$/] Property[key.name='recursive']",
          message: 'use makeDirs / makeDirsSync (src/backends/fs/make-dirs.ts): Node’s recursive mkdir never returns on some paths',
        },
      ],
    },
  },
  // The CommonJS bin launcher is plain Node on purpose (see its header).
  { files: ['bin/**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
