import { FlowResults, FlowSettings } from './flow';
import { loginByHand, logoutByHand, NodeClient, runNodeFlow } from './node-flow';
// npm's jira-client, used unchanged (no types shipped).
const JiraApi = require('jira-client');
const request = require('request');

/* eslint-disable @typescript-eslint/no-explicit-any -- the library has no types */

function clientOf(jira: any): NodeClient {
  return {
    myself: () => jira.getCurrentUser(),
    serverInfo: () => jira.getServerInfo(),
    projects: () => jira.listProjects(),
    issueTypes: () => jira.listIssueTypes(),
    createmeta: (projectKey) => jira.getIssueCreateMetadata({ projectKeys: projectKey, expand: 'projects.issuetypes.fields' }),
    createIssue: (fields) => jira.addNewIssue({ fields }),
    getIssue: (key, fields, expand) => jira.findIssue(key, expand.join(','), fields.join(',')),
    editIssue: (key, fields) => jira.updateIssue(key, { fields }),
    addComment: (key, body) => jira.addComment(key, body),
    comments: async (key) => (await jira.getComments(key)).comments,
    transitions: async (key) => (await jira.listTransitions(key)).transitions,
    transition: (key, id) => jira.transitionIssue(key, { transition: { id } }),
    search: (jql, fields) => jira.searchJira(jql, { fields, maxResults: 100 }),
  };
}

/**
 * jira-client's documented `request` option (a function that answers the body, rejecting on 4xx/5xx),
 * here one that adds a header jira-client has no option for.
 */
function requestWithHeaders(headers: Record<string, string>) {
  return (options: any) =>
    new Promise((resolve, reject) =>
      request({ ...options, headers: { ...options.headers, ...headers } }, (error: unknown, response: any) => {
        if (error) reject(error);
        else if (response.statusCode >= 400) reject({ statusCode: response.statusCode, body: response.body });
        else resolve(response.body);
      }),
    );
}

/** jira-client: Basic (username + password = email + API token), Bearer (its `bearer` option), cookie by hand. */
export async function jiraClientFlow(settings: FlowSettings): Promise<FlowResults> {
  const { hostname: host, port, protocol } = new URL(settings.url);
  const connection = { host, port, protocol: protocol.replace(':', ''), apiVersion: '2', strictSSL: false };
  if (settings.mode === 'basic') {
    return runNodeFlow(settings, async () => clientOf(new JiraApi({ ...connection, username: settings.email, password: settings.token })));
  }
  if (settings.mode === 'bearer') {
    return runNodeFlow(settings, async () => clientOf(new JiraApi({ ...connection, bearer: settings.token })));
  }
  // jira-client has no session login: the session is made by hand and its cookie sent through `request`.
  let cookie = '';
  const logIn = async () => {
    cookie = await loginByHand(settings);
    return clientOf(new JiraApi({ ...connection, request: requestWithHeaders({ Cookie: cookie }) }));
  };
  return runNodeFlow(settings, logIn, { cookie: () => cookie, logout: () => logoutByHand(settings, cookie), relogin: logIn });
}
