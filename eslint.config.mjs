// @ts-check
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Who may import whom (STYLE.md rule 8). Tags live in each project's package.json. */
const depConstraints = [
  { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
  { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:pure', 'type:activities'] },
  { sourceTag: 'type:activities', onlyDependOnLibsWithTags: ['type:pure', 'type:node'] },
  { sourceTag: 'type:node', onlyDependOnLibsWithTags: ['type:pure', 'type:node'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:pure', 'type:node', 'type:activities', 'type:workflows'] },
  // The end-to-end harness starts the real apps; only tests may use it.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:pure', 'type:node', 'type:activities', 'type:workflows', 'type:app'] },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/out-tsc/**', '.pitrix/**', '.nx/**', '**/gen/**', '**/*.js', '**/*.mjs', '**/*.mts', 'workflows/test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints, enforceBuildableLibDependency: false }],
    },
  },
  {
    // Tests may start apps (a worker next to the API under test) and use the test harnesses.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'apps/dashboard/e2e/**/*.ts', 'apps/dashboard/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: [], depConstraints: depConstraints.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:app', 'type:node', 'type:e2e'] })) },
      ],
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node built-ins, no process state, activities by type only.
    files: ['workflows/src/**/*.ts', 'workflows/test/fixtures/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins; do I/O in an activity.' })),
            { name: '@pitrix/activities', allowTypeImports: true, message: 'Workflows import activities as types only (proxyActivities).' },
            { name: '@temporalio/activity', message: 'Workflows cannot use the activity API.' },
            { name: '@temporalio/client', message: 'Workflows cannot use the client API.' },
            { name: '@temporalio/worker', message: 'Workflows cannot use the worker API.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflows must not read process state.' },
        { name: 'Buffer', message: 'Workflows must not use Node globals.' },
        { name: 'require', message: 'Workflows must not load modules dynamically.' },
      ],
    },
  },
);
