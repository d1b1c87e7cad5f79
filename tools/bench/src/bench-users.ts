import { cookieFrom, login, RunningServer } from '@tokenshift/testing';

const PASSWORD = 'bench-password-1234';

/** A user created through the admin API and logged in once: one of the callers a load takes turns with. */
export interface BenchUser {
  name: string;
  email: string;
  /** `JSESSIONID=…` of the user's session. */
  cookie: string;
}

/** Creates `count` users (`bench0`, `bench1`, …) with the demo admin's token, and logs each in. */
export async function createBenchUsers(server: RunningServer, count: number): Promise<BenchUser[]> {
  const admin = { authorization: `Bearer ${server.demoToken()}`, 'content-type': 'application/json' };
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench${i}`;
    const email = `${name}@example.com`;
    const created = await fetch(`${server.url}/rest/tokenshift/1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name, email, displayName: `Bench ${i}`, password: PASSWORD, emailVerified: true }),
    });
    if (created.status !== 201) throw new Error(`creating ${name}: ${created.status} ${await created.text()}`);
    const session = await login(server.url, name, PASSWORD);
    if (session.status !== 200) throw new Error(`login ${name}: ${session.status}`);
    users.push({ name, email, cookie: cookieFrom(session.body) });
  }
  return users;
}
