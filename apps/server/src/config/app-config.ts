import type { SessionOptions } from '@tokenshift/auth-session';
import { parseDatabaseUrl } from '@tokenshift/db';
import { Environment, validateEnvironment } from './environment';

export interface ServerConfig {
  host: string;
  port: number;
  /** Canonical base URL used in `self` links and `login-url`. */
  baseUrl: string;
  logFormat: 'json' | 'text';
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /**
   * Proxies whose X-Forwarded-For/-Proto are believed: false (none), true (any: only behind a proxy
   * that overwrites them), or a comma-separated list of addresses/CIDRs.
   */
  trustProxy: boolean | string;
}

export interface DatabaseConfig {
  url: string | undefined;
  kind: 'pglite' | 'postgres';
  poolSize: number;
  /** Folder relative PGlite paths are resolved against (the workspace root). */
  baseDir: string;
}

export interface DemoConfig {
  /** Seed the demo user and Jira data, and mint a demo token at start. */
  enabled: boolean;
}

export interface AuthConfig {
  session: SessionOptions;
  /** Accept `Basic user:password` (deprecated; reported like cookies). */
  allowPasswordBasic: boolean;
  /** Realm in `WWW-Authenticate: Basic realm="…"`. */
  realm: string;
  /** Let anonymous callers read issues and search. */
  anonymousIssueAccess: boolean;
}

/** Typed configuration, injected through `ConfigService<AppConfig, true>`. */
export interface AppConfig {
  server: ServerConfig;
  database: DatabaseConfig;
  demo: DemoConfig;
  auth: AuthConfig;
}

export function buildAppConfig(env: Record<string, string | undefined>, baseDir = process.cwd()): AppConfig {
  const e: Environment = validateEnvironment(env);
  const port = e.PORT ?? 8080;
  const host = e.HOST ?? '127.0.0.1';
  const databaseKind = parseDatabaseUrl(e.DATABASE_URL, baseDir).kind;
  return {
    server: {
      host,
      port,
      baseUrl: (e.BASE_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/+$/, ''),
      logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
      logLevel: e.LOG_LEVEL ?? 'log',
      trustProxy: e.TRUST_PROXY === undefined || e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    },
    database: { url: e.DATABASE_URL, kind: databaseKind, poolSize: e.DATABASE_POOL_SIZE ?? 10, baseDir },
    demo: { enabled: e.DEMO_DATA === undefined ? databaseKind === 'pglite' : e.DEMO_DATA === 'true' },
    auth: {
      session: {
        cookieName: e.SESSION_COOKIE_NAME ?? 'JSESSIONID',
        cookieSecure: e.SESSION_COOKIE_SECURE ?? 'auto',
        idleTimeoutSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS ?? 30 * 60,
        maxLifetimeSeconds: e.SESSION_MAX_LIFETIME_SECONDS ?? 8 * 60 * 60,
        maxFailedLogins: e.MAX_FAILED_LOGINS ?? 3,
      },
      allowPasswordBasic: e.ALLOW_PASSWORD_BASIC === 'true',
      realm: e.AUTH_REALM ?? 'tokenshift',
      anonymousIssueAccess: e.ANONYMOUS_ISSUE_ACCESS === 'true',
    },
  };
}
