/** The demo data a fresh embedded server starts with (README: "try it"). */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = [
  { name: 'demo', email: 'demo@example.com', displayName: 'Demo Admin', isAdmin: true, emailVerified: true },
  { name: 'alice', email: 'alice@example.com', displayName: 'Alice Example', isAdmin: false, emailVerified: true },
  { name: 'unverified', email: 'unverified@example.com', displayName: 'Not Yet Verified', isAdmin: false, emailVerified: false },
] as const;

export const DEMO_PROJECT = { key: 'DEMO', name: 'Demo Project', description: 'Issues about moving clients off the cookie session.' };

export const DEMO_ISSUES = [
  { summary: 'Migrate the nightly export off the cookie session', issueType: 'Task', status: 'In Progress', assignee: 'alice' },
  { summary: 'Login page shows a CAPTCHA after three failures', issueType: 'Bug', status: 'To Do', assignee: 'demo' },
  { summary: 'Rotate the build bot API token', issueType: 'Task', status: 'Done', assignee: 'alice' },
  { summary: 'Dashboard: show days to sunset', issueType: 'Story', status: 'To Do', assignee: null },
  { summary: 'Python reporting script still calls /rest/auth/1/session', issueType: 'Bug', status: 'In Progress', assignee: 'demo' },
  { summary: 'Document Basic auth with API tokens for contractors', issueType: 'Story', status: 'Done', assignee: null },
  // Closed bugs, so Atlassian's own example (`type = Bug AND status = Closed`) finds issues.
  { summary: 'Session cookie survives logout in the legacy client', issueType: 'Bug', status: 'Closed', assignee: 'alice' },
  { summary: 'XSRF check rejects multipart uploads with no-check', issueType: 'Bug', status: 'Closed', assignee: null },
] as const;

/** The resolution an issue in a done status was given (its status' name when the workflow has one, else Fixed). */
export const DEMO_RESOLUTIONS: Record<string, string> = { Done: 'Done', Closed: 'Fixed' };

export const DEMO_TOKEN_NAME = 'demo token (minted at start)';
