// Decision 50 for JavaScript/TypeScript: a cookie jar (axios-cookiejar-support, request, got, superagent) sent the
// session cookie only to its own domain; the Authorization header that replaces it goes wherever each request carrying
// it goes. Each shape: a refusal for a literal other host and for a URL the code does not tell (the note names the
// line and the host, never the path), and the proof that lets the rewrite through.
import { execFileSync } from 'node:child_process';
import { analyzeSource } from '../src/analyze-file';
import { addFingerprints } from '../src/fingerprint';
import { fixFile, type FileFix } from '../src/fix/fix-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import type { LanguageId } from '../src/model';

async function fix(file: string, source: string, language: LanguageId = 'javascript'): Promise<FileFix> {
  const { findings } = await analyzeSource(source, language, file);
  expect(findings.length).toBeGreaterThan(0);
  return fixFile(file, source, addFingerprints(findings), DEFAULT_FIX_OPTIONS);
}

function elsewhere(result: FileFix): string | undefined {
  return result.manual.map((entry) => entry.note).find((note) => note.includes("the client that kept this login's cookie also sends the request on line"));
}

/** Refused, nothing edited, and the note names the line and the host (never the webhook's path). */
function expectRefused(result: FileFix, line: number, where: string): void {
  expect(result.status).not.toBe('rewritten');
  const note = elsewhere(result);
  expect(note).toContain(`sends the request on line ${line} to ${where}, not provably the login's origin`);
  expect(note).not.toMatch(/services|T000|B000|XXXX|\/rest\/api/);
}

/** Refused because the jar sits on the module's own defaults (a header there would reach every module's requests). */
function expectModuleDefaultsRefused(result: FileFix, line: number): void {
  expect(result.status).not.toBe('rewritten');
  expect(result.after).toBeUndefined();
  expect(result.manual.map((entry) => entry.note).join('\n')).toContain(`the cookie jar is set on the module's own defaults (line ${line}), which every module of the program shares`);
}

function expectRewritten(result: FileFix): string {
  expect(result.manual).toEqual([]);
  expect(result.status).toBe('rewritten');
  const after = result.after ?? '';
  execFileSync(process.execPath, ['--check', '-'], { input: after, stdio: ['pipe', 'pipe', 'pipe'] });
  return after;
}

const UNKNOWN = 'a URL whose host the code does not show';

describe('axios-cookiejar-support: wrapper(axios.create({ jar })) and axios.defaults.jar', () => {
  const CLIENT = `const axios = require('axios');
const { wrapper } = require('axios-cookiejar-support');
const { CookieJar } = require('tough-cookie');

const base = 'https://jira.example.com';
const api = wrapper(axios.create({ baseURL: base, jar: new CookieJar() }));

async function main() {
  await api.post('/rest/auth/1/session', { username: 'bot', password: 'ax-pass-1' });
  const { data } = await api.get(\`\${base}/rest/api/2/myself\`);
  console.log(data.name);
}

main();
`;

  it('relative paths on the client’s baseURL and a template on the same const are the login’s origin: rewritten', async () => {
    const after = expectRewritten(await fix('api.js', CLIENT));
    expect(after).not.toMatch(/ax-pass-1|CookieJar\(\)/);
    expect(after).toContain("axios.create({ baseURL: base, headers: { Authorization: 'Basic ' + Buffer.from(");
  });

  it('refuses when the client also posts to a Slack webhook; the note names its line and host only', async () => {
    const hook = CLIENT.replace('  console.log(data.name);\n', "  console.log(data.name);\n  await api.post('https://hooks.slack.com/services/T000/B000/XXXX', { text: data.name });\n");
    const result = await fix('api.js', hook);
    expectRefused(result, 12, 'https://hooks.slack.com');
    expect(elsewhere(result)).toContain('(https://jira.example.com)');
  });

  it('refuses when the client is handed a URL parameter, or handed on (module.exports)', async () => {
    const param = CLIENT.replace('main();\n', 'async function notify(url, text) {\n  await api.post(url, { text });\n}\n\nmain();\nnotify(process.env.HOOK, "done");\n');
    expectRefused(await fix('api.js', param), 15, 'a URL built from `url`');
    const exported = CLIENT.replace('main();\n', 'main();\nmodule.exports = api;\n');
    expectRefused(await fix('api.js', exported), 15, UNKNOWN);
  });

  it('axios.defaults.jar on the module itself: the whole program shares those defaults, so the rewrite is refused even when every request here goes to the login’s origin', async () => {
    const source = `const axios = require('axios');
const { CookieJar } = require('tough-cookie');

axios.defaults.jar = new CookieJar();
const api = axios.create({ baseURL: process.env.TRACKER });

async function main() {
  await api.post('/rest/auth/1/session', { username: 'bot', password: 'ax-pass-2' });
  await axios.post('https://hooks.slack.com/services/T000/B000/XXXX', { text: 'signed in' });
}

main();
`;
    const same = source.replace("axios.post('https://hooks.slack.com/services/T000/B000/XXXX', { text: 'signed in' })", "axios.get(process.env.TRACKER + '/rest/api/2/myself')");
    for (const variant of [source, same]) expectModuleDefaultsRefused(await fix('api.js', variant), 4);
  });
});

describe('request.defaults({ jar: true })', () => {
  const SOURCE = `const request = require('request').defaults({ jar: true, json: true });

const base = process.env.TRACKER;
request.post({ url: base + '/rest/auth/1/session', body: { username: 'bot', password: 'req-pass-1' } }, (err) => {
  if (err) throw err;
  request.get({ url: base + '/rest/api/2/myself' }, (err2, res2, me) => {
    console.log(me.name);
    NEXT
  });
});
`;

  it('refuses a request to another literal host, and one to a URL parameter (named by its binding, not a host)', async () => {
    const hook = SOURCE.replace('NEXT', "request.post({ url: 'https://hooks.slack.com/services/T000/B000/XXXX', body: { text: me.name } });");
    expectRefused(await fix('req.js', hook), 8, 'https://hooks.slack.com');
    const param = SOURCE.replace('NEXT', 'notify(me.name);').concat('\nfunction notify(target) {\n  request.post(target);\n}\n');
    expectRefused(await fix('req.js', param), 13, 'a URL built from `target`');
  });

  it('a request through a reassigned base is not told', async () => {
    const moved = SOURCE.replace('const base', 'let base').replace('NEXT', "base = process.env.OTHER;");
    expect(elsewhere(await fix('req.js', moved))).toContain(UNKNOWN);
  });
});

describe('got: a cookieJar handed to one request (that request’s URL is checked), got.extend({ prefixUrl, cookieJar })', () => {
  const SOURCE = `const got = require('got');
const { CookieJar } = require('tough-cookie');

async function main(base) {
  const cookieJar = new CookieJar();
  await got.post(new URL('/rest/auth/1/session', base), { json: { username: 'bot', password: 'got-pass-1' }, cookieJar });
  const me = await got(new URL('/rest/api/2/myself', base), { cookieJar }).json();
  NEXT
}

main(process.env.TRACKER);
`;

  it('new URL(path, base) on the same parameter is the login’s origin; a request without the jar is not checked', async () => {
    const after = expectRewritten(await fix('main.js', SOURCE.replace('NEXT', "await got.post('https://hooks.slack.com/services/T000/B000/XXXX', { json: { text: me.name } });")));
    expect(after).not.toMatch(/got-pass-1|cookieJar/);
  });

  it('refuses the jar handed to a request to another literal host, or to a URL parameter', async () => {
    expectRefused(await fix('main.js', SOURCE.replace('NEXT', "await got.post('https://hooks.slack.com/services/T000/B000/XXXX', { json: { text: me.name }, cookieJar });")), 8, 'https://hooks.slack.com');
    const param = SOURCE.replace('async function main(base) {', 'async function main(base, hook) {').replace('NEXT', 'await got.post(hook, { json: { text: me.name }, cookieJar });');
    expectRefused(await fix('main.js', param), 8, 'a URL built from `hook`');
  });

  it('got.extend({ prefixUrl, cookieJar }): every request goes to the prefix; a client kept nowhere is not told', async () => {
    const source = `const got = require('got');
const { CookieJar } = require('tough-cookie');
const { TRACKER } = require('./config');

const client = got.extend({ prefixUrl: TRACKER, cookieJar: new CookieJar() });

async function main() {
  await client.post('rest/auth/1/session', { json: { username: 'bot', password: 'got-pass-2' } });
  console.log((await client('rest/api/2/myself').json()).name);
}

main();
`;
    expect(expectRewritten(await fix('client.js', source))).toContain("got.extend({ prefixUrl: TRACKER, headers: { Authorization: 'Basic ' + Buffer.from(");
    const passed = source.replace('main();\n', 'main();\nrun(got.extend({ cookieJar: new CookieJar() }));\n');
    expectRefused(await fix('client.js', passed), 13, UNKNOWN);
  });
});

describe('superagent: an agent that logged in', () => {
  const SOURCE = `const superagent = require('superagent');

const base = process.env.TRACKER_URL;

async function run(hook) {
  const agent = superagent.agent();
  await agent.post(\`\${base}/rest/auth/1/session\`).send({ username: process.env.TRACKER_USER, password: process.env.TRACKER_PASS });
  const res = await agent.get(\`\${base}/rest/api/2/myself\`);
  NEXT
}

run(process.env.HOOK);
`;

  it('refuses when the agent also posts to another literal host, or to the hook parameter', async () => {
    expectRefused(await fix('me.js', SOURCE.replace('NEXT', "await agent.post('https://hooks.slack.com/services/T000/B000/XXXX').send({ text: res.body.name });")), 9, 'https://hooks.slack.com');
    expectRefused(await fix('me.js', SOURCE.replace('NEXT', 'await agent.post(hook).send({ text: res.body.name });')), 9, 'a URL built from `hook`');
  });

  it('the same agent sending only to the base is rewritten (a plain superagent call elsewhere carries nothing)', async () => {
    const after = expectRewritten(await fix('me.js', SOURCE.replace('NEXT', 'await superagent.post(hook).send({ text: res.body.name });')));
    expect(after).toContain("const agent = superagent.agent().set('Authorization', ");
  });
});

describe('page code', () => {
  it('a jQuery login with xhrFields.withCredentials keeps the browser note (no token to the page), not the host note', async () => {
    const source = `$(function () {
  $.ajax({
    url: window.JIRA_BASE + '/rest/auth/1/session',
    type: 'POST',
    data: JSON.stringify({ username: $('#user').val(), password: $('#pass').val() }),
    xhrFields: { withCredentials: true },
  });
});
`;
    const result = await fix('login.js', source);
    expect(result.status).not.toBe('rewritten');
    expect(elsewhere(result)).toBeUndefined();
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('Browser code: an API token must not be shipped to the page.');
  });
});

describe('TypeScript: an imported axios with defaults.jar, and a second agent', () => {
  it('import axios from "axios" with defaults.jar: the module’s defaults are the whole program’s, refused even when its requests here go to the login’s origin', async () => {
    const source = `import axios from 'axios';
import { CookieJar } from 'tough-cookie';

axios.defaults.jar = new CookieJar();

export async function whoami(base: string): Promise<string> {
  await axios.post(\`\${base}/rest/auth/1/session\`, { username: 'bot', password: 'ts-pass-1' });
  const { data } = await axios.get(\`\${base}/rest/api/2/myself\`);
  return data.name;
}
`;
    expectModuleDefaultsRefused(await fix('whoami.ts', source, 'typescript'), 4);
  });

  it('a superagent agent that never logs in is not the login’s client: its Slack post does not refuse the rewrite', async () => {
    const source = `const superagent = require('superagent');

const base = process.env.TRACKER_URL;

async function run() {
  const agent = superagent.agent();
  const hooks = superagent.agent();
  await agent.post(\`\${base}/rest/auth/1/session\`).send({ username: process.env.TRACKER_USER, password: process.env.TRACKER_PASS });
  const res = await agent.get(\`\${base}/rest/api/2/myself\`);
  await hooks.post('https://hooks.slack.com/services/T000/B000/XXXX').send({ text: res.body.name });
}

run();
`;
    const after = expectRewritten(await fix('me.js', source));
    expect(after).toContain("const agent = superagent.agent().set('Authorization', ");
    expect(after).toContain('const hooks = superagent.agent();\n');
  });
});

describe('a jar with no login in view', () => {
  it('is not turned into a header: no request is provably the login’s origin', async () => {
    const source = `const got = require('got');
const { CookieJar } = require('tough-cookie');

async function main(base, cookieJar) {
  const me = await got(base + '/rest/api/2/myself', { cookieJar, headers: { Cookie: 'JSESSIONID=' + process.env.JSESSIONID } }).json();
  await got.post('https://hooks.slack.com/services/T000/B000/XXXX', { json: { text: me.name }, cookieJar });
}

main(process.env.TRACKER, new CookieJar());
`;
    const result = await fix('main.js', source);
    expect(result.status).not.toBe('rewritten');
    expect(elsewhere(result)).toContain("not provably the login's origin (a URL whose host the code does not show)");
  });
});
