import type { UsageKind } from './usage-event';

const SESSION_RESOURCE = /^\/rest\/auth\/(1|latest)\/session$/;

/**
 * The exact change a client must make for one kind of deprecated call: what to remove or send
 * instead, in the words a developer searches their code for.
 */
export function migrationAdvice(kind: UsageKind, method: string, endpoint: string): string {
  const basic = 'send `Authorization: Basic base64(<your email>:<API token>)` on every request instead (curl: `-u you@example.com:tsk_…`)';
  if (SESSION_RESOURCE.test(endpoint)) {
    if (method === 'POST') return `Remove the login (\`POST ${endpoint}\`) and the cookie it returns; ${basic}.`;
    if (method === 'DELETE') return `Remove the logout (\`DELETE ${endpoint}\`): a token needs none.`;
    return `To check who is signed in, call \`GET /rest/api/2/myself\` with the token instead of \`GET ${endpoint}\` with a cookie.`;
  }
  if (kind === 'password-basic') return `Keep the \`Authorization: Basic\` header on \`${method} ${endpoint}\`, but with your email and an API token in place of your password.`;
  return `Stop sending the session cookie (\`JSESSIONID\` / \`cloud.session.token\`) on \`${method} ${endpoint}\`; ${basic}.`;
}
