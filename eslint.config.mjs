import nx from '@nx/eslint-plugin';

/**
 * One lint config for the workspace. The module-boundary rule is the architecture:
 * apps and tools depend on libs, libs never on apps, auth libs know nothing of the demo
 * Jira resources, and the dashboard/scanner never import auth server code.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/generated', '**/test/fixtures', '**/test/indirection-fixtures', '**/test/recall-fixtures', '**/test/precision-fixtures', '**/scanner/corpus', '**/*.d.ts', 'tmp', 'reports', 'test-output'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            // Scope first: a rule reports the first constraint an import breaks.
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:auth', 'scope:usage', 'scope:shared'] },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
            { sourceTag: 'scope:usage', onlyDependOnLibsWithTags: ['scope:usage', 'scope:shared'] },
            { sourceTag: 'scope:scanner', onlyDependOnLibsWithTags: ['scope:scanner', 'scope:shared'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:bench', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            // No feature imports another (the session lib knows nothing of the api-token lib): what two
            // features share goes down into a util (libs/auth/core holds the resolver contract and the guard).
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The server takes authentication from libs/auth/core alone: the guard, the decorators and the
    // credential resolvers; each mode's strategies stay inside their lib and register themselves.
    files: ['apps/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@nestjs/passport', message: 'Authentication comes from @tokenshift/auth-core (guard, decorators, CredentialResolvers).' },
            { name: 'passport', message: 'Authentication comes from @tokenshift/auth-core (guard, decorators, CredentialResolvers).' },
          ],
          patterns: [
            { group: ['passport-*'], message: 'Authentication comes from @tokenshift/auth-core (guard, decorators, CredentialResolvers).' },
            { group: ['@tokenshift/auth-session', '@tokenshift/auth-api-token'], importNamePattern: 'Strategy$|Resolver$|Guard$|^CurrentUser$|^OptionalUser$|^Public$', message: 'Import the guard, decorators and resolvers from @tokenshift/auth-core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
