// Another product's login: its Set-Cookie relayed is no Jira session.
export async function pages(base, creds, session) {
  const signIn = await fetch(`${base}/api/login`, { method: 'POST', body: creds });
  session.name = 'wiki';
  return fetch(`${base}/api/pages`, { headers: { cookie: signIn.headers.get('set-cookie') } });
}
