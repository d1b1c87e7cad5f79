import { join } from 'node:path';
import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { basic, DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import { AuthMode, FlowResults, FlowSettings, FoundIssue, runFlowScript, stepsFor } from './clients/flow';
import { jiraClientFlow } from './clients/jira-client.flow';
import { jiraConnectorFlow } from './clients/jira-connector.flow';
import { jiraJsFlow } from './clients/jira-js.flow';
// Real Jira client libraries from npm, used unchanged.
const JiraConnector = require('jira-connector');
const request = require('request');

/**
 * Five Jira client libraries nobody here wrote, each in its own modes, through what a new user does:
 * who am I, server info, projects, issue types, create metadata, create (by key and name, by id), get
 * with fields and expand, edit, comment, transitions, the JQL people write, logout and log in again
 * after the session expired. Every driver reports each step in one shape (src/clients/flow.ts); the
 * assertions are here, the same for every library.
 */

const CLIENTS_DIR = join(__dirname, '../clients');
/** Short, so the expiry step waits little; long enough that no step between two requests outlasts it. */
const IDLE_SECONDS = 8;
const PROJECT_KEY = 'DEMO';
/** The machine may be busy with other test processes: starting can take longer than the default. */
const START_TIMEOUT_MS = 90_000;

type Predicate = (issue: IssueRow) => boolean;
interface IssueRow extends FoundIssue {
  project: string;
  projectName: string;
  summary: string;
  labels: string[] | null;
  duedate: string | null;
  description: string | null;
  priority: string | null;
}
interface Search {
  predicate: Predicate;
  /** Atlassian's own example must find something, or it proves nothing. */
  nonEmpty?: boolean;
  ordered?: boolean;
}

const DAY_MS = 86_400_000;
const keyNumber = (key: string) => Number(key.split('-')[1]);
/** Jira's `2026-12-06T08:00:00.000+0000`. */
const jiraDate = (text: string | null) => (text ? Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN);

/** The JQL of the issue report, each with an in-memory evaluation the results are checked against. */
const SEARCHES: Record<string, Search> = {
  'project = DEMO ORDER BY key': { predicate: (issue) => issue.project === 'DEMO', ordered: true, nonEmpty: true },
  'created >= -30d': { predicate: (issue) => jiraDate(issue.created) >= Date.now() - 30 * DAY_MS, nonEmpty: true },
  'created >= "2020-01-01"': { predicate: (issue) => jiraDate(issue.created) >= Date.parse('2020-01-01T00:00:00Z'), nonEmpty: true },
  'key > DEMO-3': { predicate: (issue) => issue.project === 'DEMO' && keyNumber(issue.key) > 3, nonEmpty: true },
  'type = Bug AND status = Closed': { predicate: (issue) => issue.issuetype === 'Bug' && issue.status === 'Closed', nonEmpty: true },
  'resolution = Unresolved': { predicate: (issue) => issue.resolution === null, nonEmpty: true },
  'project is not EMPTY': { predicate: () => true, nonEmpty: true },
  'project = "Demo Project"': { predicate: (issue) => issue.projectName === 'Demo Project', nonEmpty: true },
  'labels is EMPTY': { predicate: (issue) => !issue.labels?.length, nonEmpty: true },
  'description is EMPTY': { predicate: (issue) => !issue.description },
  'priority is EMPTY': { predicate: (issue) => issue.priority === null },
  // A due date is a calendar day, standing for its midnight in the server's time zone (UTC here).
  'duedate < now()': { predicate: (issue) => issue.duedate !== null && Date.parse(`${issue.duedate}T00:00:00Z`) < Date.now() },
};

interface ClientFlow {
  library: string;
  mode: AuthMode;
  /** How the library does this mode, in its own words or "by hand" where it has no such mode. */
  how: string;
  run: (settings: FlowSettings) => Promise<FlowResults>;
  /** Run against a tokenshift gateway (UPSTREAM_URL) in front of the server instead of the server itself. */
  throughGateway?: boolean;
}

const tagOf = (flow: ClientFlow) => `${flow.library} ${flow.mode}${flow.throughGateway ? ' via gateway' : ''}`;

const python = (settings: FlowSettings) => runFlowScript('/usr/bin/python3', [join(CLIENTS_DIR, 'python/jira_flow.py')], settings);
const ruby = (settings: FlowSettings) => runFlowScript('/usr/bin/ruby', [join(CLIENTS_DIR, 'ruby/jira_flow.rb')], settings);

const FLOWS: ClientFlow[] = [
  { library: 'python-jira', mode: 'cookie', how: 'JIRA(auth=(user, password)): session login, logs in again on a 401', run: python },
  { library: 'python-jira', mode: 'basic', how: 'JIRA(basic_auth=(email, token))', run: python },
  { library: 'python-jira', mode: 'bearer', how: 'JIRA(token_auth=token)', run: python },
  { library: 'jira-ruby', mode: 'cookie', how: 'auth_type: :cookie; logout by hand (client.delete): the library has none', run: ruby },
  { library: 'jira-ruby', mode: 'basic', how: 'auth_type: :basic with email and token', run: ruby },
  { library: 'jira-ruby', mode: 'bearer', how: 'Bearer header by hand (default_headers): the library has no Bearer mode', run: ruby },
  { library: 'jira-connector', mode: 'cookie', how: 'auth.login with a cookie jar, auth.logout', run: jiraConnectorFlow },
  { library: 'jira-connector', mode: 'basic', how: 'basic_auth: {email, api_token}', run: jiraConnectorFlow },
  { library: 'jira-connector', mode: 'bearer', how: 'Bearer header by hand (request option): the library has no Bearer mode', run: jiraConnectorFlow },
  { library: 'jira-client', mode: 'cookie', how: 'session login/logout and cookie header by hand (request option): the library has no session mode', run: jiraClientFlow },
  { library: 'jira-client', mode: 'basic', how: 'username: email, password: token', run: jiraClientFlow },
  { library: 'jira-client', mode: 'bearer', how: 'bearer option', run: jiraClientFlow },
  { library: 'jira.js', mode: 'cookie', how: 'session login/logout and cookie header by hand (baseRequestConfig): the library has no session mode', run: jiraJsFlow },
  { library: 'jira.js', mode: 'basic', how: 'Version2Client authentication.basic {email, apiToken}', run: jiraJsFlow },
  { library: 'jira.js', mode: 'bearer', how: 'Version2Client authentication.oauth2 {accessToken}', run: jiraJsFlow },
  // The same libraries in cookie mode through the gateway (docs/gateway.md): the same steps, the same answers.
  { library: 'python-jira', mode: 'cookie', how: 'through the gateway, as directly', run: python, throughGateway: true },
  { library: 'jira-connector', mode: 'cookie', how: 'through the gateway, as directly', run: jiraConnectorFlow, throughGateway: true },
];

let database: TestDatabase;
let server: RunningServer;
let gateway: RunningServer;

beforeAll(async () => {
  database = await createPostgresTestDatabase('e2e_clients');
  server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS) }, START_TIMEOUT_MS);
  gateway = await startServer({ UPSTREAM_URL: server.url, DATABASE_URL: 'pglite:memory' }, 2 * START_TIMEOUT_MS);
}, 3 * START_TIMEOUT_MS + 60_000);
afterAll(async () => {
  await gateway?.stop();
  await server?.stop();
  await database?.drop();
});

function settingsFor(flow: ClientFlow): FlowSettings {
  return {
    url: flow.throughGateway ? gateway.url : server.url,
    mode: flow.mode,
    tag: tagOf(flow),
    username: 'demo',
    password: DEMO_PASSWORD,
    email: 'demo@example.com',
    token: server.demoToken()!,
    projectKey: PROJECT_KEY,
    transitionTo: 'Closed',
    idleSeconds: IDLE_SECONDS,
    searches: Object.fromEntries(Object.keys(SEARCHES).map((jql) => [jql, jql])),
  };
}

/** Every issue, read with a token straight from the server, for the in-memory evaluation of each JQL. */
async function allIssues(): Promise<IssueRow[]> {
  const response = await fetch(`${server.url}/rest/api/2/search?maxResults=1000&fields=project,summary,issuetype,status,resolution,created,labels,duedate,description,priority`, {
    headers: { authorization: basic('demo@example.com', server.demoToken()!) },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { issues: { key: string; fields: Record<string, { key?: string; name?: string } | string | null> }[] };
  return body.issues.map(({ key, fields }) => {
    const name = (field: string) => (fields[field] as { name?: string } | null)?.name ?? null;
    const text = (field: string) => (fields[field] as string | null | undefined) ?? null;
    const project = fields['project'] as { key: string; name: string };
    return {
      key,
      issuetype: name('issuetype'),
      status: name('status'),
      resolution: name('resolution'),
      priority: name('priority'),
      created: text('created'),
      summary: text('summary') ?? '',
      description: text('description'),
      duedate: text('duedate'),
      labels: (fields['labels'] as unknown as string[] | null) ?? null,
      project: project.key,
      projectName: project.name,
    };
  });
}

/** The step's value, as the shape `T` every driver reports for it, or a failure that names the step and what the library reported. */
function valueOf<T = unknown>(results: FlowResults, step: string): T {
  const outcome = results['connect'] ?? results[step];
  if (!outcome) throw new Error(`step ${step} did not run`);
  if (!outcome.ok) throw new Error(`${step} failed: ${outcome.error}`);
  return outcome.value as T;
}

/** Ids as the libraries hand them over: strings, or numbers from some. */
type Ids = Array<string | number>;

const NUMERIC_ID = /^\d+$/;

describe.each(FLOWS)('$library, $mode ($how)', (flow) => {
  let results: FlowResults;
  let issues: IssueRow[];
  const tag = tagOf(flow);

  beforeAll(async () => {
    results = await flow.run(settingsFor(flow));
    issues = await allIssues();
  }, 180_000);

  const checks: Record<string, () => void> = {
    whoami: () => expect(valueOf(results, 'whoami')).toEqual({ name: 'demo' }),
    serverInfo: () => expect(valueOf(results, 'serverInfo')).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), deploymentType: 'Server' }),
    projects: () => {
      const { keys, ids } = valueOf<{ keys: string[]; ids: Ids }>(results, 'projects');
      expect(keys).toContain(PROJECT_KEY);
      for (const id of ids) expect(String(id)).toMatch(NUMERIC_ID);
    },
    issueTypes: () => {
      const { names, ids } = valueOf<{ names: string[]; ids: Ids }>(results, 'issueTypes');
      expect(names).toEqual(expect.arrayContaining(['Bug', 'Task', 'Story', 'Epic']));
      for (const id of ids) expect(String(id)).toMatch(NUMERIC_ID);
    },
    createmeta: () => {
      const { projects } = valueOf<{ projects: { key: string; issuetypes: { name: string; fields?: string[] }[] }[] }>(results, 'createmeta');
      expect(projects.map((project) => project.key)).toEqual([PROJECT_KEY]);
      const bug = projects[0]?.issuetypes.find((type) => type.name === 'Bug');
      expect(bug?.fields).toEqual(expect.arrayContaining(['issuetype', 'project', 'summary']));
    },
    createByKey: () => expectCreated(valueOf<{ key: string }>(results, 'createByKey').key),
    createById: () => expect(expectCreated(valueOf<{ key: string }>(results, 'createById').key).summary).toBe(`${tag}: created by id`),
    getIssue: () =>
      expect(valueOf(results, 'getIssue')).toEqual({
        key: valueOf<{ key: string }>(results, 'createByKey').key,
        fields: ['issuetype', 'status', 'summary'],
        summary: `${tag}: created by key`,
        expanded: ['changelog', 'names', 'renderedFields'],
      }),
    edit: () => expect(valueOf(results, 'edit')).toEqual({ summary: `${tag}: edited` }),
    comment: () => expect(valueOf(results, 'comment')).toEqual({ bodies: [`${tag} was here`] }),
    transitions: () => {
      const { transitions, chosenTo, statusAfter } = valueOf<{ transitions: { id: string | number }[]; chosenTo: string; statusAfter: string }>(results, 'transitions');
      expect(transitions.length).toBeGreaterThan(0);
      for (const transition of transitions) expect(String(transition.id)).toMatch(NUMERIC_ID);
      expect(statusAfter).toBe(chosenTo);
    },
    logout: () => expect(valueOf(results, 'logout')).toEqual({ status: 204, oldCookieStatus: 401 }),
    reloginAfterExpiry: () => expect(valueOf(results, 'reloginAfterExpiry')).toEqual({ expiredStatus: 401, name: 'demo' }),
  };

  function expectCreated(key: string): IssueRow {
    expect(key).toMatch(/^DEMO-\d+$/);
    const created = issues.find((issue) => issue.key === key);
    expect(created).toMatchObject({ issuetype: 'Bug', project: PROJECT_KEY });
    return created!;
  }

  function checkSearch(jql: string): void {
    const search = SEARCHES[jql];
    if (!search) throw new Error(`No expectations for the search ${jql}`);
    const { predicate, nonEmpty, ordered } = search;
    const found = valueOf<{ total: number; issues: FoundIssue[] }>(results, `search: ${jql}`);
    const expected = issues.filter(predicate).map((issue) => issue.key);
    if (nonEmpty) expect(expected.length).toBeGreaterThan(0);
    const keys = found.issues.map((issue) => issue.key);
    if (ordered) expect(keys).toEqual([...expected].sort((a, b) => keyNumber(a) - keyNumber(b)));
    else expect([...keys].sort()).toEqual([...expected].sort());
    expect(found.total).toBe(expected.length);
  }

  it.each(stepsFor({ mode: flow.mode, searches: SEARCHES }))('%s', (step) => {
    if (step.startsWith('search: ')) checkSearch(step.slice('search: '.length));
    else {
      const check = checks[step];
      if (!check) throw new Error(`No check for the step ${step}`);
      check();
    }
  });
});

/** jira-connector rejects with the error serialised as a JSON string. */
async function rejectionOf(promise: Promise<unknown>): Promise<{ statusCode: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    return JSON.parse(error as string);
  }
  throw new Error('expected the call to fail');
}

it('jira-connector reports a wrong password as Jira does', async () => {
  const jira = new JiraConnector({ host: '127.0.0.1', port: server.port, protocol: 'http', cookie_jar: request.jar() });
  expect(await rejectionOf(jira.auth.login({ username: 'alice', password: 'nope' }))).toMatchObject({
    statusCode: 401,
    body: { errorMessages: ['Login failed'], errors: {} },
  });
});
