import { setTimeout as sleep } from 'node:timers/promises';
import { cookieFrom, login } from '@tokenshift/testing';
import { FlowResults, FlowSettings, FoundIssue, foundIssue, StepRecorder } from './flow';

/* eslint-disable @typescript-eslint/no-explicit-any -- the libraries' answers are Jira's JSON, read loosely */

/** What one Node library is asked to do; each call is that library's own API (see the *.flow.ts files). */
export interface NodeClient {
  myself(): Promise<any>;
  serverInfo(): Promise<any>;
  projects(): Promise<any[]>;
  issueTypes(): Promise<any[]>;
  createmeta(projectKey: string): Promise<any>;
  createIssue(fields: Record<string, unknown>): Promise<{ key: string }>;
  getIssue(key: string, fields: string[], expand: string[]): Promise<any>;
  editIssue(key: string, fields: Record<string, unknown>): Promise<unknown>;
  addComment(key: string, body: string): Promise<unknown>;
  comments(key: string): Promise<any[]>;
  transitions(key: string): Promise<any[]>;
  transition(key: string, id: string): Promise<unknown>;
  search(jql: string, fields: string[]): Promise<{ total: number; issues: any[] }>;
}

/** Cookie-mode hooks: how the library (or the caller, where it has none) logs out and logs in again. */
export interface SessionHooks {
  /** The session cookie the client sends now. */
  cookie(): string;
  /** Logs out; resolves with the HTTP status of the DELETE. */
  logout(): Promise<number>;
  /** Logs in again and answers the client to use from now on. */
  relogin(): Promise<NodeClient>;
}

export async function statusWithCookie(url: string, cookie: string): Promise<number> {
  return (await fetch(`${url}/rest/api/2/myself`, { headers: { cookie } })).status;
}

/** Logs in with the session resource by hand, for libraries that have no login: the cookie header to send. */
export async function loginByHand(settings: FlowSettings): Promise<string> {
  const answer = await login(settings.url, settings.username, settings.password);
  if (answer.status !== 200) throw new Error(`login answered ${answer.status}`);
  return cookieFrom(answer.body);
}

/** Logs out with the session resource by hand, for libraries that have no logout. */
export async function logoutByHand(settings: FlowSettings, cookie: string): Promise<number> {
  return (await fetch(`${settings.url}/rest/auth/1/session`, { method: 'DELETE', headers: { cookie } })).status;
}

/** The flow's steps with one Node library; same steps and shapes as the Python and Ruby drivers. */
export async function runNodeFlow(settings: FlowSettings, connect: () => Promise<NodeClient>, session?: SessionHooks): Promise<FlowResults> {
  const recorder = new StepRecorder();
  const { tag } = settings;
  let client: NodeClient;
  try {
    client = await connect();
  } catch (error) {
    await recorder.step('connect', () => Promise.reject(error));
    return recorder.results;
  }
  const key = () => recorder.need<string>('key');

  await recorder.step('whoami', async () => ({ name: (await client.myself()).name }));
  await recorder.step('serverInfo', async () => {
    const info = await client.serverInfo();
    return { version: info.version, deploymentType: info.deploymentType };
  });
  await recorder.step('projects', async () => {
    const found = await client.projects();
    recorder.remember('projectId', found.find((project) => project.key === settings.projectKey)?.id);
    return { keys: found.map((project) => project.key), ids: found.map((project) => project.id) };
  });
  await recorder.step('issueTypes', async () => {
    const found = await client.issueTypes();
    recorder.remember('bugId', found.find((type) => type.name === 'Bug')?.id);
    return { names: found.map((type) => type.name), ids: found.map((type) => type.id) };
  });
  await recorder.step('createmeta', async () => {
    const meta = await client.createmeta(settings.projectKey);
    return {
      projects: meta.projects.map((project: any) => ({
        key: project.key,
        issuetypes: project.issuetypes.map((type: any) => ({ name: type.name, fields: Object.keys(type.fields ?? {}).sort() })),
      })),
    };
  });
  await recorder.step('createByKey', async () => {
    const created = await client.createIssue({ project: { key: settings.projectKey }, issuetype: { name: 'Bug' }, summary: `${tag}: created by key` });
    recorder.remember('key', created.key);
    return { key: created.key };
  });
  await recorder.step('createById', async () => {
    const fields = { project: { id: recorder.need('projectId') }, issuetype: { id: recorder.need('bugId') }, summary: `${tag}: created by id` };
    return { key: (await client.createIssue(fields)).key };
  });
  await recorder.step('getIssue', async () => {
    const issue = await client.getIssue(key(), ['summary', 'status', 'issuetype'], ['names', 'renderedFields', 'changelog']);
    return {
      key: issue.key,
      fields: Object.keys(issue.fields).sort(),
      summary: issue.fields.summary,
      expanded: ['changelog', 'names', 'renderedFields'].filter((name) => name in issue),
    };
  });
  await recorder.step('edit', async () => {
    await client.editIssue(key(), { summary: `${tag}: edited`, description: `Edited by ${tag}` });
    return { summary: (await client.getIssue(key(), ['summary'], [])).fields.summary };
  });
  await recorder.step('comment', async () => {
    await client.addComment(key(), `${tag} was here`);
    return { bodies: (await client.comments(key())).map((comment) => comment.body) };
  });
  await recorder.step('transitions', async () => {
    const available = await client.transitions(key());
    const chosen = available.find((transition) => transition.to?.name === settings.transitionTo) ?? available[0];
    if (!chosen) throw new Error('no transition offered');
    await client.transition(key(), chosen.id);
    return {
      transitions: available.map((transition) => ({ id: transition.id, name: transition.name, to: transition.to?.name })),
      chosenTo: chosen.to?.name,
      statusAfter: (await client.getIssue(key(), ['status'], [])).fields.status.name,
    };
  });
  for (const [label, jql] of Object.entries(settings.searches)) {
    await recorder.step(`search: ${label}`, async () => {
      const found = await client.search(jql, ['issuetype', 'status', 'resolution', 'created']);
      return { total: found.total, issues: found.issues.map((issue): FoundIssue => foundIssue(issue)) };
    });
  }
  if (session) {
    await recorder.step('logout', async () => {
      const cookie = session.cookie();
      const status = await session.logout();
      return { status, oldCookieStatus: await statusWithCookie(settings.url, cookie) };
    });
    await recorder.step('reloginAfterExpiry', async () => {
      client = await session.relogin();
      await client.myself();
      await sleep((settings.idleSeconds + 1) * 1000);
      // The library's own call must fail; the status is read with the cookie it holds.
      const stillServed = await client.myself().then(
        () => true,
        () => false,
      );
      const expiredStatus = stillServed ? 200 : await statusWithCookie(settings.url, session.cookie());
      client = await session.relogin();
      return { expiredStatus, name: (await client.myself()).name };
    });
  }
  return recorder.results;
}
