import fastifyCookie from '@fastify/cookie';
import { JiraMessages, jiraErrorBody } from '@tokenshift/shared';
import Fastify, { FastifyInstance } from 'fastify';
import { AuthContext, basicHeader, startAuthContext } from '../../test/auth-fixtures';

/**
 * The resolvers from a plain Fastify hook, as the gateway will use them on proxied requests where
 * no Nest guard runs: the same chain, answers and cache as the guard, with only DI from Nest.
 */
describe.each([false, true])('credential resolvers in a bare Fastify hook (password Basic %s)', (allowPasswordBasic) => {
  let auth: AuthContext;
  let gateway: FastifyInstance;
  let cookie: string;
  let token: string;
  let aliceId: string;

  beforeAll(async () => {
    auth = await startAuthContext('pglite:memory', { allowPasswordBasic });
    const alice = await auth.createUser('alice', 'alice-password');
    aliceId = alice.id;
    const login = await auth.logins.login('alice', 'alice-password', {});
    if (login.outcome !== 'ok') throw new Error(`login: ${login.outcome}`);
    cookie = `JSESSIONID=${login.sessionId}`;
    token = (await auth.tokens.create({ userId: alice.id, name: 'gateway', scopes: ['read'] })).token;

    gateway = Fastify();
    await gateway.register(fastifyCookie);
    gateway.decorateRequest('user', undefined);
    gateway.addHook('onRequest', async (request, reply) => {
      const principal = await auth.resolvers.authenticate(request);
      if (!principal) return reply.code(401).send(jiraErrorBody(JiraMessages.notAuthenticated));
      request.user = principal;
    });
    gateway.get('/whoami', async (request) => ({ name: request.user?.name, authMode: request.user?.authMode, scopes: request.user?.scopes }));
    await gateway.ready();
  }, 180_000);
  afterAll(async () => {
    await gateway?.close();
    await auth?.close();
  });

  const whoami = async (headers: Record<string, string>) => {
    const response = await gateway.inject({ method: 'GET', url: '/whoami', headers });
    return { status: response.statusCode, body: response.json() };
  };

  it('names the caller of each mode, in the precedence of the guard', async () => {
    expect(auth.resolvers.modes).toEqual(['dashboard-session', 'session', 'basic-token', 'bearer-token', ...(allowPasswordBasic ? ['basic-password'] : [])]);
    expect(await whoami({ cookie })).toEqual({ status: 200, body: { name: 'alice', authMode: 'session', scopes: ['read', 'write', 'admin'] } });
    expect(await whoami({ authorization: basicHeader('alice@example.com', token) })).toEqual({ status: 200, body: { name: 'alice', authMode: 'basic-token', scopes: ['read'] } });
    expect(await whoami({ authorization: `Bearer ${token}` })).toEqual({ status: 200, body: { name: 'alice', authMode: 'bearer-token', scopes: ['read'] } });
    // A cookie comes first; a refused mode gives way to the next one.
    expect((await whoami({ cookie, authorization: 'Bearer tsk_wrong' })).body.authMode).toBe('session');
    expect((await whoami({ cookie: 'JSESSIONID=dead', authorization: `Bearer ${token}` })).body.authMode).toBe('bearer-token');
  });

  it('accepts a password in Basic only where it is enabled', async () => {
    const password = await whoami({ authorization: basicHeader('alice', 'alice-password') });
    expect(password).toEqual(allowPasswordBasic ? { status: 200, body: { name: 'alice', authMode: 'basic-password', scopes: ['read', 'write', 'admin'] } } : { status: 401, body: jiraErrorBody(JiraMessages.notAuthenticated) });
  });

  it('refuses what the guard refuses', async () => {
    for (const headers of [{} as Record<string, string>, { cookie: 'JSESSIONID=x' }, { authorization: 'Basic' }, { authorization: basicHeader('bob@example.com', token) }, { authorization: 'Bearer ' }, { authorization: 'Digest a' }]) {
      expect(await whoami(headers)).toEqual({ status: 401, body: jiraErrorBody(JiraMessages.notAuthenticated) });
    }
  });

  it('answers a cached credential without a promise, and a revocation at once', async () => {
    const request = { headers: { authorization: `Bearer ${token}` } };
    await auth.resolvers.authenticate(request);
    const cached = auth.resolvers.authenticate(request);
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toMatchObject({ name: 'alice', authMode: 'bearer-token' });
    const [row] = await auth.tokens.list(aliceId);
    expect(await auth.tokens.revoke(aliceId, row!.id)).toBe(true);
    expect((await whoami({ authorization: `Bearer ${token}` })).status).toBe(401);
  });
});
