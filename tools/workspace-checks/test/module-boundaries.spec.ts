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
    for (const name of ['server', 'server-e2e', 'db', 'shared', 'auth-session', 'auth-api-token', 'usage', 'scanner', 'bench']) {
      const tags = graph.nodes[name]?.data.tags ?? [];
      expect({ name, scope: tags.some((t) => t.startsWith('scope:')), type: tags.some((t) => t.startsWith('type:')) }).toEqual({
        name,
        scope: true,
        type: true,
      });
    }
  });

  it('points one way: the server depends on the libs, and no lib depends on an app', () => {
    expect(dependenciesOf('server')).toEqual(expect.arrayContaining(['db', 'auth-session', 'auth-api-token', 'shared']));
    for (const [name, node] of Object.entries(graph.nodes)) {
      if (node.type !== 'lib') continue;
      for (const target of dependenciesOf(name)) expect({ from: name, to: target, type: typeOf(target) }).not.toMatchObject({ type: 'type:app' });
    }
    expect(dependenciesOf('auth-session')).not.toContain('usage');
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
  }, 60_000);
});
