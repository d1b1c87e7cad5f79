import { FlowResults, FlowSettings } from './flow';
import { NodeClient, runNodeFlow } from './node-flow';
// npm's jira-connector, used unchanged (CommonJS, no types).
const JiraConnector = require('jira-connector');
const request = require('request');

/* eslint-disable @typescript-eslint/no-explicit-any -- the library has no types */

function clientOf(jira: any): NodeClient {
  return {
    myself: () => jira.myself.getMyself(),
    serverInfo: () => jira.serverInfo.getServerInfo({}),
    projects: () => jira.project.getAllProjects({}),
    issueTypes: () => jira.issueType.getAllIssueTypes({}),
    createmeta: (projectKey) => jira.issue.getCreateMetadata({ projectKeys: projectKey, expand: 'projects.issuetypes.fields' }),
    createIssue: (fields) => jira.issue.createIssue({ fields }),
    getIssue: (issueKey, fields, expand) => jira.issue.getIssue({ issueKey, fields, expand }),
    editIssue: (issueKey, fields) => jira.issue.editIssue({ issueKey, issue: { fields } }),
    addComment: (issueKey, body) => jira.issue.addComment({ issueKey, body }),
    comments: async (issueKey) => (await jira.issue.getComments({ issueKey })).comments,
    transitions: async (issueKey) => (await jira.issue.getTransitions({ issueKey })).transitions,
    transition: (issueKey, id) => jira.issue.transitionIssue({ issueKey, transition: { id } }),
    search: (jql, fields) => jira.search.search({ jql, fields, maxResults: 100 }),
  };
}

/** jira-connector: cookie (its auth.login with a cookie jar), Basic (basic_auth email + api_token), Bearer by hand. */
export async function jiraConnectorFlow(settings: FlowSettings): Promise<FlowResults> {
  const { hostname: host, port, protocol } = new URL(settings.url);
  const connection = { host, port: Number(port), protocol: protocol.replace(':', '') };
  if (settings.mode === 'basic') {
    return runNodeFlow(settings, async () => clientOf(new JiraConnector({ ...connection, basic_auth: { email: settings.email, api_token: settings.token } })));
  }
  if (settings.mode === 'bearer') {
    // jira-connector has no Bearer mode: the header is passed through its documented `request` option.
    const withBearer = request.defaults({ headers: { Authorization: `Bearer ${settings.token}` } });
    return runNodeFlow(settings, async () => clientOf(new JiraConnector({ ...connection, request: withBearer })));
  }
  const jar = request.jar();
  const jira = new JiraConnector({ ...connection, cookie_jar: jar });
  const logIn = async () => {
    await jira.auth.login({ username: settings.username, password: settings.password });
    return clientOf(jira);
  };
  return runNodeFlow(settings, logIn, {
    cookie: () => jar.getCookieString(settings.url),
    logout: async () => {
      await jira.auth.logout();
      return 204; // jira-connector resolves only on a 2xx and hides the status; a refusal fails the step
    },
    relogin: logIn,
  });
}
