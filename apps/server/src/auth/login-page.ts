/** What the login page shows: the lock-out rules and, for a name asked about, whether a lock applies. */
export interface LoginPageContent {
  maxFailedLogins: number;
  backoffMs: readonly number[];
  /** The name asked about (`?os_username=`), if any. */
  asked?: { name: string; lockedUntil: Date | null };
  now: Date;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.ceil(ms / 1000)} s`;
}

function lockLine(asked: NonNullable<LoginPageContent['asked']>, now: Date): string {
  const name = `<strong>${escapeHtml(asked.name)}</strong>`;
  if (!asked.lockedUntil) return `<p id="lock-status">No sign-in lock applies to ${name} now.</p>`;
  const left = Math.max(1, Math.ceil((asked.lockedUntil.getTime() - now.getTime()) / 1000));
  return (
    `<p id="lock-status">Password sign-in for ${name} is locked until ` +
    `<time datetime="${asked.lockedUntil.toISOString()}">${asked.lockedUntil.toISOString()}</time> ` +
    `(in ${left} s). The lock ends by itself; a sign-in before then is refused without the password being checked.</p>`
  );
}

/**
 * The page `login-url` (in `X-Authentication-Denied-Reason`) points at. Small, self-contained and
 * script-free (the helmet CSP allows no inline script); it says how to sign in and, for a name asked
 * about, when its lock ends: no more than the 403 itself tells (see docs/decisions.md).
 */
export function renderLoginPage(content: LoginPageContent): string {
  const steps = content.backoffMs.map(minutes).join(', ');
  const lockRule =
    content.maxFailedLogins > 0
      ? `<p>After ${content.maxFailedLogins} wrong passwords in a row, password sign-in for the account is locked for a while: ${steps} ` +
        '(each lock since the last successful sign-in takes the next step). The lock ends by itself; an administrator can lift it sooner.</p>'
      : '';
  const asked = content.asked ? lockLine(content.asked, content.now) : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in – tokenshift</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style>
</head>
<body>
<h1>Sign in</h1>
<p>Sign in with an <strong>API token</strong>: <code>Authorization: Basic base64(email:token)</code> (as Jira Cloud) or
<code>Authorization: Bearer &lt;token&gt;</code> (as Jira Data Center). Create a token on the <a href="/dashboard/">dashboard</a>
or ask an administrator. The session login (<code>POST /rest/auth/1/session</code>) and passwords in Basic are deprecated.</p>
${lockRule}
<form method="get" action="/login.jsp">
<label for="os_username">Username or email</label>
<input id="os_username" name="os_username" maxlength="255" autocomplete="username" required>
<button type="submit">Check for a lock</button>
</form>
${asked}
</body>
</html>
`;
}
