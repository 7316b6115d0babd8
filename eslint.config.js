// One lint configuration for the whole workspace: typescript-eslint with type information.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      '**/artifacts/**',
      '**/.swc/**',
      'apps/miniapp/config/**',
      'apps/miniapp/babel.config.js',
      '**/*.config.js',
      '**/*.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    // An order's status changes only through the ledger, which writes its timeline event with it.
    files: ['apps/bff/**/*.ts'],
    // The ledger's own test shows the bypass the compiler refuses.
    ignores: ['apps/bff/src/ledger/order-ledger.ts', 'apps/bff/test/ledger/order-ledger.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='moveStatus']",
          message: 'Change an order status through transition() in src/ledger/order-ledger.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
