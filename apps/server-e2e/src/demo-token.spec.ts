import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basic, cookieFrom, DEMO_PASSWORD, freePort, json, login, SERVER_ENTRY, startServer, type TokenSummary, WORKSPACE_ROOT } from '@tokenshift/testing';

// PGlite runs its migrations in WebAssembly: slow to start when the machine is busy.
const PGLITE_START_MS = 120_000;
const PGLITE_TEST_MS = 180_000;

const myselfWith = (url: string, token: string) => fetch(`${url}/rest/api/2/myself`, { headers: { authorization: basic('demo@example.com', token) } });

describe('the demo token without a terminal (as under a process manager or in a container)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-demo-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is written to a 0600 file beside the embedded database folder, named in the log, and never printed', async () => {
    const dataDir = join(folder, 'pglite');
    // DEMO_TOKEN_FILE unset, as in a deployment: the default place is used.
    const server = await startServer({ DATABASE_URL: `pglite:${dataDir}`, DEMO_DATA: 'true', DEMO_TOKEN_FILE: '' }, PGLITE_START_MS);
    try {
      const tokenFile = `${dataDir}.demo-token`;
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(token).toMatch(/^tsk_/);
      expect((await myselfWith(server.url, token)).status).toBe(200);
      expect(server.output()).toContain(`Demo token written to ${tokenFile}`);
      expect(server.output()).not.toContain(token);
      expect(server.output()).not.toContain('Demo token:');
    } finally {
      await server.stop();
    }
  }, PGLITE_TEST_MS);
});

describe('the demo token on pglite:memory without DEMO_TOKEN_FILE and without a terminal', () => {
  it('is not minted: the demo user has no live token, and the log says why', async () => {
    const server = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true', DEMO_TOKEN_FILE: '' }, PGLITE_START_MS);
    try {
      expect(server.output()).toContain('No demo token minted');
      const { status, body } = await login(server.url, 'demo', DEMO_PASSWORD);
      expect(status).toBe(200);
      const tokens = await json<TokenSummary[]>(await fetch(`${server.url}/rest/tokenshift/1/tokens`, { headers: { cookie: cookieFrom(body) } }));
      expect(tokens).toEqual([]);
    } finally {
      await server.stop();
    }
  }, PGLITE_TEST_MS);
});

describe('the demo token on a terminal', () => {
  it('is shown in the start banner, and works', async () => {
    const port = await freePort();
    // `script` gives the server a pseudo-terminal for stdout, as `npm start` in a shell has.
    const child = spawn('script', ['-qfec', `${process.execPath} ${SERVER_ENTRY}`, '/dev/null'], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: 'pglite:memory' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + PGLITE_START_MS;
      while (!output.includes('Stop with Ctrl+C') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const token = /Demo token:\s+(tsk_\S+)/.exec(output)?.[1];
      expect({ token, output }).toEqual({ token: expect.stringMatching(/^tsk_/), output: expect.stringContaining(`tokenshift is running at http://127.0.0.1:${port}`) });
      expect((await myselfWith(`http://127.0.0.1:${port}`, token!)).status).toBe(200);
    } finally {
      // The whole group: script and the server under it.
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await once(child, 'exit');
      }
    }
  }, PGLITE_TEST_MS);
});
