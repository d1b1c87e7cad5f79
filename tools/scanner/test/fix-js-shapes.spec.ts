import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFix } from '../src/fix/run-fix';

// Shapes read in public Node clients (written here from scratch): a class whose session URL is a template
// constant, node-rest-client's login callback that builds the cookie from `data.session`, and a superagent agent
// that keeps the login's cookie for the calls after it.

jest.setTimeout(60_000);

const OPTIONS = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false, force: true, jobs: 0 };

describe('javascript/typescript fix: shapes from public clients', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  async function writeAndRead(file: string, source: string): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), 'tokenshift-js-shapes-'));
    roots.push(root);
    writeFileSync(join(root, file), source);
    const run = await runFix({ root, write: true, ...OPTIONS });
    expect(run.files.flatMap((entry) => entry.manual)).toEqual([]);
    expect((await runFix({ root, write: false, ...OPTIONS })).files).toEqual([]);
    return readFileSync(join(root, file), 'utf8');
  }

  it('a session URL held in a template-string constant goes with the private login that read it', async () => {
    const after = await writeAndRead(
      'tracker.ts',
      `import axios from 'axios';

const HOST = process.env.TRACKER_URL ?? '';
const SESSION_URL = \`\${HOST}/rest/auth/1/session\`;

export class TrackerClient {
  private cookie = '';

  private async signIn(username: string, password: string): Promise<void> {
    const response = await axios.post(SESSION_URL, { username, password });
    this.cookie = \`\${response.data.session.name}=\${response.data.session.value}\`;
  }

  public async worklogs(user: string, password: string, since: number): Promise<unknown> {
    await this.signIn(user, password);
    const response = await axios.get(\`\${HOST}/rest/api/2/worklog/updated?since=\${since}\`, { headers: { Cookie: this.cookie } });
    return response.data;
  }
}
`,
    );
    expect(after).not.toMatch(/SESSION_URL|auth\/1\/session|signIn/);
    expect(after).toContain("headers: { Authorization: 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64') }");
  });

  it('node-rest-client: the login callback is unwrapped, its cookie header becomes Authorization, and node --check accepts it', async () => {
    const after = await writeAndRead(
      'search.js',
      `const Client = require('node-rest-client').Client;

const base = process.env.TRACKER_URL;
const client = new Client();
const loginArgs = {
  data: { username: process.env.TRACKER_USER, password: process.env.TRACKER_PASS },
  headers: { 'Content-Type': 'application/json' },
};

client.post(base + '/rest/auth/1/session', loginArgs, function (data, response) {
  if (response.statusCode === 200) {
    const session = data.session;
    const searchArgs = {
      headers: { cookie: session.name + '=' + session.value, 'Content-Type': 'application/json' },
      data: { jql: 'project = OPS' },
    };
    client.post(base + '/rest/api/2/search', searchArgs, function (result) {
      console.log(result.total);
    });
  } else {
    throw new Error('login failed');
  }
});
`,
    );
    expect(after).not.toMatch(/auth\/1\/session|loginArgs|session\.value/);
    expect(after).toContain("Authorization: 'Basic ' + Buffer.from(");
    execFileSync(process.execPath, ['--check', '-'], { input: after, stdio: ['pipe', 'pipe', 'pipe'] });
  });

  it('superagent: the agent that logged in sends the Authorization header as its default (.set), the login goes', async () => {
    const after = await writeAndRead(
      'myself.js',
      `const superagent = require('superagent');

const base = process.env.TRACKER_URL;

async function run() {
  const agent = superagent.agent();
  await agent.post(\`\${base}/rest/auth/1/session\`).send({ username: process.env.TRACKER_USER, password: process.env.TRACKER_PASS });
  const res = await agent.get(\`\${base}/rest/api/2/myself\`);
  console.log(res.body.name);
}

run();
`,
    );
    expect(after).toContain("const agent = superagent.agent().set('Authorization', 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64'));\n");
    expect(after).not.toMatch(/auth\/1\/session|TRACKER_PASS/);
    execFileSync(process.execPath, ['--check', '-'], { input: after, stdio: ['pipe', 'pipe', 'pipe'] });
  });
});
