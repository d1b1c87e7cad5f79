import { Version2Client } from 'jira.js';
import { FlowResults, FlowSettings } from './flow';
import { loginByHand, logoutByHand, NodeClient, runNodeFlow } from './node-flow';

/* eslint-disable @typescript-eslint/no-explicit-any -- the answers are read loosely, as Jira JSON */

function clientOf(jira: Version2Client): NodeClient {
  return {
    myself: () => jira.myself.getCurrentUser(),
    serverInfo: () => jira.serverInfo.getServerInfo(),
    // jira.js 5 has no GET /project: its projects call is Cloud's paged /project/search.
    projects: async () => (await jira.projects.searchProjects()).values ?? [],
    issueTypes: () => jira.issueTypes.getIssueAllTypes(),
    createmeta: (projectKey) => jira.issues.getCreateIssueMeta({ projectKeys: [projectKey], expand: 'projects.issuetypes.fields' }),
    createIssue: (fields) => jira.issues.createIssue({ fields: fields as any }) as Promise<{ key: string }>,
    getIssue: (issueIdOrKey, fields, expand) => jira.issues.getIssue({ issueIdOrKey, fields, expand: expand.join(',') || undefined }),
    editIssue: (issueIdOrKey, fields) => jira.issues.editIssue({ issueIdOrKey, fields }),
    addComment: (issueIdOrKey, comment) => jira.issueComments.addComment({ issueIdOrKey, comment }),
    comments: async (issueIdOrKey) => (await jira.issueComments.getComments({ issueIdOrKey })).comments ?? [],
    transitions: async (issueIdOrKey) => (await jira.issues.getTransitions({ issueIdOrKey, expand: 'transitions.fields' })).transitions ?? [],
    transition: (issueIdOrKey, id) => jira.issues.doTransition({ issueIdOrKey, transition: { id } }),
    search: async (jql, fields) => {
      const found = await jira.issueSearch.searchForIssuesUsingJql({ jql, fields, maxResults: 100 });
      return { total: found.total ?? -1, issues: found.issues ?? [] };
    },
  };
}

/** jira.js `Version2Client`: Basic (email + apiToken), Bearer (`oauth2.accessToken`), cookie by hand. */
export async function jiraJsFlow(settings: FlowSettings): Promise<FlowResults> {
  const host = settings.url;
  if (settings.mode === 'basic') {
    return runNodeFlow(settings, async () => clientOf(new Version2Client({ host, authentication: { basic: { email: settings.email, apiToken: settings.token } } })));
  }
  if (settings.mode === 'bearer') {
    return runNodeFlow(settings, async () => clientOf(new Version2Client({ host, authentication: { oauth2: { accessToken: settings.token } } })));
  }
  // jira.js has no session login: the session is made by hand and its cookie sent as a base request header.
  let cookie = '';
  const logIn = async () => {
    cookie = await loginByHand(settings);
    return clientOf(new Version2Client({ host, baseRequestConfig: { headers: { Cookie: cookie } } }));
  };
  return runNodeFlow(settings, logIn, { cookie: () => cookie, logout: () => logoutByHand(settings, cookie), relogin: logIn });
}
