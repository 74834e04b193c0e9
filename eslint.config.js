// Lint: typed rules, and the one that matters most here — no unconsumed neverthrow Result.
import tseslint from 'typescript-eslint';
import neverthrowPlugin from 'eslint-plugin-neverthrow';

// eslint-plugin-neverthrow was written for ESLint 8: it reads `context.parserServices` and
// calls `context.getScope()`, which ESLint 9 moved to `context.sourceCode`. Hand it a
// context that has both, pointing getScope at the node being visited.
const mustUseResult = neverthrowPlugin.rules['must-use-result'];
const neverthrow = {
  rules: {
    'must-use-result': {
      ...mustUseResult,
      create: (context) => {
        let current = null;
        const legacy = Object.create(context, {
          parserServices: { value: context.sourceCode.parserServices },
          getScope: { value: () => context.sourceCode.getScope(current) },
        });
        const listeners = mustUseResult.create(legacy);
        return Object.fromEntries(
          Object.entries(listeners).map(([selector, fn]) => [
            selector,
            (node) => {
              current = node;
              return fn(node);
            },
          ]),
        );
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'eslint.config.js'] },
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
);
