import { createProjectGraphAsync, ProjectGraph } from '@nx/devkit';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

/**
 * The architecture, checked: the dependency direction in Nx's project graph, and the lint rule
 * that stops a wrong import before it lands.
 */
const WORKSPACE_ROOT = resolve(__dirname, '../../..');

describe('module boundaries', () => {
  let graph: ProjectGraph;
  beforeAll(async () => {
    process.env.NX_DAEMON = 'false';
    graph = await createProjectGraphAsync({ exitOnError: false });
  }, 60_000);

  const dependenciesOf = (project: string) =>
    (graph.dependencies[project] ?? []).map((d) => d.target).filter((t) => !t.startsWith('npm:'));
  const typeOf = (project: string) => graph.nodes[project]?.data.tags?.find((t) => t.startsWith('type:'));

  it('has the intended projects, each tagged with a scope and a type', () => {
    for (const name of ['server', 'server-e2e', 'db', 'shared', 'auth-core', 'auth-session', 'auth-api-token', 'usage', 'scanner', 'bench']) {
      const tags = graph.nodes[name]?.data.tags ?? [];
      expect({ name, scope: tags.some((t) => t.startsWith('scope:')), type: tags.some((t) => t.startsWith('type:')) }).toEqual({
        name,
        scope: true,
        type: true,
      });
    }
  });

  it('points one way: the server depends on the libs, and no lib depends on an app', () => {
    expect(dependenciesOf('server')).toEqual(expect.arrayContaining(['db', 'auth-core', 'auth-session', 'auth-api-token', 'shared']));
    for (const [name, node] of Object.entries(graph.nodes)) {
      if (node.type !== 'lib') continue;
      for (const target of dependenciesOf(name)) expect({ from: name, to: target, type: typeOf(target) }).not.toMatchObject({ type: 'type:app' });
    }
    expect(dependenciesOf('auth-session')).not.toContain('usage');
    // Both modes build on the core; neither knows the other, and the core knows neither.
    expect(dependenciesOf('auth-session')).toContain('auth-core');
    expect(dependenciesOf('auth-api-token')).toContain('auth-core');
    expect(dependenciesOf('auth-session')).not.toContain('auth-api-token');
    expect(dependenciesOf('auth-api-token')).not.toContain('auth-session');
    expect(dependenciesOf('auth-core')).not.toEqual(expect.arrayContaining(['auth-session']));
    expect(dependenciesOf('auth-core')).not.toEqual(expect.arrayContaining(['auth-api-token']));
    expect(dependenciesOf('scanner')).not.toEqual(expect.arrayContaining(['auth-session']));
  });

  it('fails lint when a lib imports across a forbidden boundary', async () => {
    const eslint = new ESLint({ cwd: WORKSPACE_ROOT });
    const lint = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: resolve(WORKSPACE_ROOT, filePath) });
      return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
    };
    expect(await lint('libs/auth/session/src/probe.ts', "import { deprecationHeaders } from '@tokenshift/usage';\nexport const x = deprecationHeaders;\n")).toEqual([
      expect.stringMatching(/scope:auth/),
    ]);
    expect(await lint('libs/db/src/probe.ts', "import { PasswordHasher } from '@tokenshift/auth-session';\nexport const x = PasswordHasher;\n")).not.toHaveLength(0);
    expect(await lint('libs/auth/session/src/probe.ts', "import { jiraErrorBody } from '@tokenshift/shared';\nexport const x = jiraErrorBody;\n")).toEqual([]);
    // No feature imports another feature: the session lib cannot reach into the api-token lib.
    expect(await lint('libs/auth/session/src/probe.ts', "import { ApiTokenService } from '@tokenshift/auth-api-token';\nexport const x = ApiTokenService;\n")).toEqual([
      expect.stringMatching(/type:feature.*can only depend on.*type:data-access.*type:util/),
    ]);
    expect(await lint('libs/auth/session/src/probe.ts', "import { CredentialResolvers } from '@tokenshift/auth-core';\nexport const x = CredentialResolvers;\n")).toEqual([]);
  }, 60_000);

  it('lets the server take the guard, decorators and resolvers from libs/auth/core only', async () => {
    const eslint = new ESLint({ cwd: WORKSPACE_ROOT });
    const restricted = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: resolve(WORKSPACE_ROOT, 'apps/server/src/probe.ts') });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    };
    const core = /Import the guard, decorators and resolvers from @tokenshift\/auth-core|Authentication comes from @tokenshift\/auth-core/;
    expect(await restricted("import { AuthGuard } from '@nestjs/passport';\nexport const x = AuthGuard;\n")).toEqual([expect.stringMatching(core)]);
    expect(await restricted("import { BasicStrategy } from 'passport-http';\nexport const x = BasicStrategy;\n")).toEqual([expect.stringMatching(core)]);
    expect(await restricted("import { SessionCookieStrategy } from '@tokenshift/auth-session';\nexport const x = SessionCookieStrategy;\n")).toEqual([expect.stringMatching(core)]);
    expect(await restricted("import { ApiTokenBearerStrategy } from '@tokenshift/auth-api-token';\nexport const x = ApiTokenBearerStrategy;\n")).toEqual([expect.stringMatching(core)]);
    expect(await restricted("import { AuthenticationGuard, CurrentUser } from '@tokenshift/auth-core';\nimport { LoginService } from '@tokenshift/auth-session';\nexport const x = [AuthenticationGuard, CurrentUser, LoginService];\n")).toEqual([]);
  }, 60_000);
});
