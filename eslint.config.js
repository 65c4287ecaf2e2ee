import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'dist/**', 'bench/results/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='JSON'][callee.property.name='parse']",
          message: 'Use the strict readers in src/core (parseJson); JSON.parse loses integers and duplicate keys.',
        },
      ],
    },
  },
  {
    // One-way layers: other concerns are reached only through their index.ts (style.md, house style 1).
    files: ['src/**/*.ts', 'commands/**/*.ts', 'cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(src/)?(core|crypto|schema|cas|pack|lock|zone|vc|corridor|tensor|agentic|arbitration|state|store|api)/(?!index\\.js$).+',
              message: "Import another concern only through its index.ts (e.g. '../core/index.js').",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'cli/json-output.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
