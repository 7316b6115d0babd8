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
    // Code that runs inside the mini-programs is written for their engines: Alipay's forbids
    // `globalThis` and `global`, both forbid generating code, and zod touches the first and probes
    // the second when it loads, so the store takes only types from the contracts' main entry.
    files: ['apps/miniapp/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'globalThis', message: "Alipay's engine forbids globalThis." },
        { name: 'global', message: "Alipay's engine forbids global." },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@quickpay/contracts',
              allowTypeImports: true,
              message:
                'Values come from @quickpay/contracts/engine-safe: the main entry loads zod, which mini-program engines cannot run.',
            },
            { name: 'zod', message: 'zod cannot run in the mini-program engines; use valibot.' },
          ],
          patterns: [{ group: ['zod/*'], message: 'zod cannot run in the mini-program engines.' }],
        },
      ],
    },
  },
  {
    // The merchant console runs in a browser and takes only types from the contracts' main entry
    // (values from the zod-free engine-safe entry), so zod never enters its bundle.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@quickpay/contracts',
              allowTypeImports: true,
              message:
                'The console takes types from @quickpay/contracts; values from /engine-safe.',
            },
          ],
        },
      ],
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
