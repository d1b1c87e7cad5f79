import { buildAppConfig } from './app-config';

describe('buildAppConfig', () => {
  it('defaults to the embedded database with demo data on 127.0.0.1:8080', () => {
    const config = buildAppConfig({}, '/repo');
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080, baseUrl: 'http://127.0.0.1:8080' });
    expect(config.database).toMatchObject({ kind: 'pglite', baseDir: '/repo' });
    expect(config.demo.enabled).toBe(true);
  });

  it('turns demo data off by default on PostgreSQL and strips a trailing slash from BASE_URL', () => {
    const config = buildAppConfig({ DATABASE_URL: 'postgresql://db/x', BASE_URL: 'https://jira.example.com/' });
    expect(config.demo.enabled).toBe(false);
    expect(config.server.baseUrl).toBe('https://jira.example.com');
  });

  it('spools usage beside an embedded database folder, nowhere for memory or PostgreSQL unless a folder is given', () => {
    const spoolDir = (env: Record<string, string>) => buildAppConfig(env, '/repo').deprecation.usage.spoolDir;
    expect(spoolDir({})).toBe('/repo/.data/pglite.usage-spool');
    expect(spoolDir({ DATABASE_URL: 'pglite:memory', USAGE_SPOOL_DIR: '/var/spool' })).toBeNull();
    expect(spoolDir({ DATABASE_URL: 'postgresql://db/x' })).toBeNull();
    expect(spoolDir({ DATABASE_URL: 'postgresql://db/x', USAGE_SPOOL_DIR: 'spool/a' })).toBe('/repo/spool/a');
    expect(spoolDir({ USAGE_SPOOL_DIR: 'off' })).toBeNull();
    expect(spoolDir({ DATABASE_URL: 'pglite:/var/lib/ts/' })).toBe('/var/lib/ts.usage-spool');
  });

  it('reports every invalid variable at once', () => {
    expect(() => buildAppConfig({ PORT: 'eighty', LOG_FORMAT: 'xml', BASE_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*BASE_URL[\s\S]*LOG_FORMAT/,
    );
  });

  it('bounds searches: statement timeout and JQL limits, with defaults', () => {
    const defaults = buildAppConfig({});
    expect(defaults.database.statementTimeoutMs).toBe(10_000);
    expect(defaults.search).toEqual({ jqlLimits: { maxValues: 1000, maxClauses: 200 }, timeZone: 'UTC', concurrency: 2 });
    const set = buildAppConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0', JQL_MAX_VALUES: '50', JQL_MAX_CLAUSES: '20', SEARCH_CONCURRENCY: '1', JQL_TIME_ZONE: 'Europe/Berlin' });
    expect(set.database.statementTimeoutMs).toBe(0);
    expect(set.search).toEqual({ jqlLimits: { maxValues: 50, maxClauses: 20 }, timeZone: 'Europe/Berlin', concurrency: 1 });
    expect(() => buildAppConfig({ JQL_TIME_ZONE: 'Mars/Olympus' })).toThrow(/JQL_TIME_ZONE/);
    expect(() => buildAppConfig({ SEARCH_CONCURRENCY: '0' })).toThrow(/SEARCH_CONCURRENCY/);
    expect(() => buildAppConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '-1', JQL_MAX_VALUES: '0', JQL_MAX_CLAUSES: 'many' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS[\s\S]*JQL_MAX_VALUES[\s\S]*JQL_MAX_CLAUSES/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(buildAppConfig({ PORT: '' }).server.port).toBe(8080);
  });

  it('maps LOG_LEVEL to pino levels, still accepting Nest’s names', () => {
    expect(buildAppConfig({}).server.logLevel).toBe('info');
    expect(buildAppConfig({ LOG_LEVEL: 'log' }).server.logLevel).toBe('info');
    expect(buildAppConfig({ LOG_LEVEL: 'verbose' }).server.logLevel).toBe('trace');
    expect(buildAppConfig({ LOG_LEVEL: 'error' }).server.logLevel).toBe('error');
    expect(buildAppConfig({ LOG_LEVEL: 'info' }).server.logLevel).toBe('info');
    expect(() => buildAppConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('writes the demo token beside an embedded database folder, nowhere for memory and PostgreSQL unless DEMO_TOKEN_FILE says', () => {
    expect(buildAppConfig({}, '/repo').demo.tokenFile).toBe('/repo/.data/pglite.demo-token');
    expect(buildAppConfig({ DATABASE_URL: 'pglite:/var/lib/ts/' }, '/repo').demo.tokenFile).toBe('/var/lib/ts.demo-token');
    expect(buildAppConfig({ DATABASE_URL: 'pglite:memory' }).demo.tokenFile).toBeNull();
    expect(buildAppConfig({ DATABASE_URL: 'postgresql://db/x' }).demo.tokenFile).toBeNull();
    expect(buildAppConfig({ DATABASE_URL: 'postgresql://db/x', DEMO_TOKEN_FILE: 'run/demo-token' }, '/repo').demo.tokenFile).toBe('/repo/run/demo-token');
  });
});

describe('metrics settings', () => {
  it('leaves /metrics open and reads scanner figures at most once a minute by default', () => {
    expect(buildAppConfig({}).metrics).toEqual({ token: undefined, scanRefreshSeconds: 60 });
  });

  it('refuses a short METRICS_TOKEN without showing it', () => {
    expect(() => buildAppConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN/);
    expect(() => buildAppConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
    expect(buildAppConfig({ METRICS_TOKEN: 'a-metrics-token-of-32-characters', METRICS_SCAN_REFRESH_SECONDS: '5' }).metrics).toEqual({
      token: 'a-metrics-token-of-32-characters',
      scanRefreshSeconds: 5,
    });
  });

  it('is in the built-in mode without UPSTREAM_URL, and reads the gateway settings with their defaults', () => {
    expect(buildAppConfig({}).gateway).toBeNull();
    expect(buildAppConfig({ UPSTREAM_URL: 'https://jira.internal:8443/' }).gateway).toEqual({
      upstreamUrl: 'https://jira.internal:8443',
      prefix: '/tokenshift',
      preserveHost: false,
      ca: undefined,
      connectTimeoutMs: 5000,
      readTimeoutMs: 60000,
      sessionCookies: ['JSESSIONID', 'cloud.session.token'],
      attributionTtlSeconds: 8 * 60 * 60,
      userHeader: 'x-ausername',
      passwordBasicDeprecated: false,
    });
  });

  it("sets the dashboard cookie's Path behind the gateway prefix, and accepts it on the routed (prefix-stripped) API path", () => {
    expect(buildAppConfig({}).auth.dashboard).toMatchObject({ pathPrefix: '/rest/tokenshift/1/', cookiePath: '/rest/tokenshift/1' });
    const gateway = buildAppConfig({ UPSTREAM_URL: 'http://jira', GATEWAY_PREFIX: '/ops/ts', BASE_URL: 'https://jira.example.com' });
    expect(gateway.auth.dashboard).toMatchObject({ pathPrefix: '/rest/tokenshift/1/', cookiePath: '/ops/ts/rest/tokenshift/1' });
    expect(gateway.deprecation.policy.schedule.helpUrl).toBe('https://jira.example.com/ops/ts/dashboard/tokens/');
  });

  it('refuses an upstream with a path, a bad prefix, an unreadable or non-PEM CA file, at start', () => {
    expect(() => buildAppConfig({ UPSTREAM_URL: 'http://jira/secure' })).toThrow(/UPSTREAM_URL: must be an origin only/);
    expect(() => buildAppConfig({ UPSTREAM_URL: 'ftp://jira' })).toThrow(/UPSTREAM_URL/);
    expect(() => buildAppConfig({ UPSTREAM_URL: 'http://jira', GATEWAY_PREFIX: 'tokenshift/' })).toThrow(/GATEWAY_PREFIX/);
    expect(() => buildAppConfig({ UPSTREAM_URL: 'http://jira', UPSTREAM_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/UPSTREAM_CA_FILE: cannot be read \(ENOENT\)/);
    expect(() => buildAppConfig({ UPSTREAM_URL: 'http://jira', UPSTREAM_CA_FILE: __filename })).toThrow(/UPSTREAM_CA_FILE: holds no PEM certificate/);
    expect(() => buildAppConfig({ UPSTREAM_URL: 'http://jira', UPSTREAM_SESSION_COOKIES: 'JSESSIONID, bad name' })).toThrow(/UPSTREAM_SESSION_COOKIES/);
  });
});
