import fastifyCookie from '@fastify/cookie';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { AuthenticationGuard, CurrentUser, OptionalUser, Principal, Public } from '@tokenshift/auth-core';
import { LoginService } from '@tokenshift/auth-session';
import { JiraMessages, jiraErrorBody } from '@tokenshift/shared';
import { authModules, basicHeader, createUser } from '../../test/auth-fixtures';

@Controller('probe')
class ProbeController {
  @Get('private')
  private(@CurrentUser() user: Principal) {
    return { name: user.name, authMode: user.authMode };
  }

  @Get('public')
  @Public()
  open(@OptionalUser() user: Principal | undefined) {
    return { name: user?.name ?? null };
  }

  @Post('login')
  @Public({ skipAuthentication: true })
  login(@OptionalUser() user: Principal | undefined) {
    return { name: user?.name ?? null };
  }
}

/** The global guard in a Nest app of its own, with the real resolvers on the embedded database. */
describe('AuthenticationGuard', () => {
  let app: NestFastifyApplication;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    @Module({ imports: authModules('pglite:memory'), controllers: [ProbeController], providers: [{ provide: APP_GUARD, useClass: AuthenticationGuard }] })
    class ProbeModule {}
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.register(fastifyCookie);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const alice = await createUser(app, 'alice', 'alice-password');
    const login = await app.get(LoginService).login('alice', 'alice-password', {});
    if (login.outcome !== 'ok') throw new Error(login.outcome);
    cookie = `JSESSIONID=${login.sessionId}`;
    token = (await app.get(ApiTokenService).create({ userId: alice.id, name: 'probe' })).token;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET') => {
    const response = await app.inject({ method, url, headers });
    return { status: response.statusCode, body: response.json(), reason: response.headers['x-seraph-loginreason'] };
  };

  it('sets the principal of each mode; a token is answered with X-Seraph-LoginReason OK, a cookie without', async () => {
    expect(await get('/probe/private', { cookie })).toEqual({ status: 200, body: { name: 'alice', authMode: 'session' }, reason: undefined });
    expect(await get('/probe/private', { authorization: basicHeader('alice@example.com', token) })).toEqual({
      status: 200,
      body: { name: 'alice', authMode: 'basic-token' },
      reason: 'OK',
    });
    expect(await get('/probe/private', { authorization: `Bearer ${token}` })).toEqual({ status: 200, body: { name: 'alice', authMode: 'bearer-token' }, reason: 'OK' });
  });

  it('answers 401 in the envelope, saying AUTHENTICATED_FAILED only when an Authorization header was refused', async () => {
    const notAuthenticated = jiraErrorBody(JiraMessages.notAuthenticated);
    expect(await get('/probe/private')).toEqual({ status: 401, body: notAuthenticated, reason: undefined });
    expect(await get('/probe/private', { cookie: 'JSESSIONID=gone' })).toEqual({ status: 401, body: notAuthenticated, reason: undefined });
    expect(await get('/probe/private', { authorization: `Bearer ${token}x` })).toEqual({ status: 401, body: notAuthenticated, reason: 'AUTHENTICATED_FAILED' });
    // A password is no API token, and password Basic is off unless enabled.
    expect(await get('/probe/private', { authorization: basicHeader('alice', 'alice-password') })).toEqual({ status: 401, body: notAuthenticated, reason: 'AUTHENTICATED_FAILED' });
  });

  it('lets a public route through anonymously when the credentials are bad, and names a good caller', async () => {
    expect(await get('/probe/public', { authorization: 'Bearer nonsense' })).toEqual({ status: 200, body: { name: null }, reason: 'AUTHENTICATED_FAILED' });
    expect(await get('/probe/public', { cookie })).toEqual({ status: 200, body: { name: 'alice' }, reason: undefined });
  });

  it('ignores credentials entirely on a route that skips authentication (the login resource)', async () => {
    expect(await get('/probe/login', { cookie, authorization: `Bearer ${token}` }, 'POST')).toEqual({ status: 201, body: { name: null }, reason: undefined });
  });
});
