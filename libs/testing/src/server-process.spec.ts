import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort, SERVER_ENTRY, WORKSPACE_ROOT } from './server-process';

describe('server-process helpers', () => {
  it('finds the workspace root and names the built server entry inside it', () => {
    expect(existsSync(`${WORKSPACE_ROOT}/nx.json`)).toBe(true);
    expect(SERVER_ENTRY.startsWith(`${WORKSPACE_ROOT}/dist/`)).toBe(true);
  });

  it('hands out a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    server.close();
    expect(port).toBeGreaterThan(0);
  });
});
