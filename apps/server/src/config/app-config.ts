import { resolve } from 'node:path';
import type { Level } from 'pino';
import type { SessionOptions } from '@tokenshift/auth-session';
import { DatabaseTarget, DEFAULT_ROW_CACHE, parseDatabaseUrl } from '@tokenshift/db';
import { assertValidSchedule, BrownoutRule, parseBrownouts, UsageModuleOptions } from '@tokenshift/usage';
import { toPinoLevel } from '../logging/log-level';
import { DEFAULT_JQL_LIMITS, JqlLimits } from '../jira/jql/jql-parser';
import { Environment, InvalidEnvironmentError, validateEnvironment } from './environment';

export interface ServerConfig {
  host: string;
  port: number;
  /** Canonical base URL used in `self` links and `login-url`. */
  baseUrl: string;
  logFormat: 'json' | 'text';
  /** pino's level (`LOG_LEVEL=log` is `info`, `verbose` is `trace`). */
  logLevel: Level;
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
  /** PostgreSQL cancels a statement running longer than this (`statement_timeout`; 0 = never). */
  statementTimeoutMs: number;
  /** Folder relative PGlite paths are resolved against (the workspace root). */
  baseDir: string;
  /** Cached credential rows (tokens, sessions) per instance; kept consistent through LISTEN/NOTIFY. */
  rowCache: { maxEntries: number; ttlSeconds: number };
}

export interface DemoConfig {
  /** Seed the demo user and Jira data, and mint a demo token at start. */
  enabled: boolean;
  /**
   * Where the demo token is written (mode 0600): `DEMO_TOKEN_FILE`, else `<folder>.demo-token` beside
   * an embedded database folder; null on PostgreSQL and `pglite:memory` unless set. The token is
   * minted only when it has somewhere to go: this file, or the start banner on a terminal.
   */
  tokenFile: string | null;
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

export interface SearchConfig {
  /** Most values in one JQL list and most clauses in one query. */
  jqlLimits: JqlLimits;
  /**
   * Searches one process runs at once; the rest wait their turn. A search at the limits costs the
   * process's only thread hundreds of milliseconds (building the query) and holds a connection, so
   * without a gate a burst of them starves every other request (docs/auth.md, "Search limits").
   */
  concurrency: number;
}

export interface DeprecationConfig extends UsageModuleOptions {
  /** Lower-case header that names the calling client (besides the User-Agent). */
  clientIdHeader: string;
}

export interface MetricsConfig {
  /** Bearer token `/metrics` requires, and with it shows per-repository series; undefined = open, totals only. */
  token: string | undefined;
  /** How long the scanner figures read from the database are served before they are read again. */
  scanRefreshSeconds: number;
}

/** Typed configuration, injected through `ConfigService<AppConfig, true>`. */
export interface AppConfig {
  server: ServerConfig;
  database: DatabaseConfig;
  demo: DemoConfig;
  auth: AuthConfig;
  search: SearchConfig;
  deprecation: DeprecationConfig;
  metrics: MetricsConfig;
}

/** Atlassian's dates for this deprecation: announced for 15 March 2018, removal 1 December 2018. */
export const ATLASSIAN_DEPRECATION_DATE = '2018-03-15T00:00:00Z';
export const ATLASSIAN_SUNSET_DATE = '2018-12-01T00:00:00Z';

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

export function buildAppConfig(env: Record<string, string | undefined>, baseDir = process.cwd()): AppConfig {
  const e: Environment = validateEnvironment(env);
  const port = e.PORT ?? 8080;
  const host = e.HOST ?? '127.0.0.1';
  const database = parseDatabaseUrl(e.DATABASE_URL, baseDir);
  const databaseKind = database.kind;
  const deprecatedAt = new Date(e.DEPRECATION_DATE ?? ATLASSIAN_DEPRECATION_DATE);
  const sunsetAt = new Date(e.SUNSET_DATE ?? ATLASSIAN_SUNSET_DATE);
  checked('SUNSET_DATE', () => assertValidSchedule({ deprecatedAt, sunsetAt, docsUrl: '' }));
  const baseUrl = (e.BASE_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/+$/, '');
  return {
    server: {
      host,
      port,
      baseUrl,
      logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
      logLevel: toPinoLevel(e.LOG_LEVEL ?? 'info'),
      trustProxy: e.TRUST_PROXY === undefined || e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    },
    database: {
      url: e.DATABASE_URL,
      kind: databaseKind,
      poolSize: e.DATABASE_POOL_SIZE ?? 10,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS ?? 10_000,
      baseDir,
      rowCache: { maxEntries: e.AUTH_CACHE_SIZE ?? DEFAULT_ROW_CACHE.maxEntries, ttlSeconds: e.AUTH_CACHE_TTL_SECONDS ?? DEFAULT_ROW_CACHE.ttlSeconds },
    },
    demo: {
      enabled: e.DEMO_DATA === undefined ? databaseKind === 'pglite' : e.DEMO_DATA === 'true',
      tokenFile: demoTokenFile(e.DEMO_TOKEN_FILE, database, baseDir),
    },
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
    search: {
      jqlLimits: { maxValues: e.JQL_MAX_VALUES ?? DEFAULT_JQL_LIMITS.maxValues, maxClauses: e.JQL_MAX_CLAUSES ?? DEFAULT_JQL_LIMITS.maxClauses },
      concurrency: e.SEARCH_CONCURRENCY ?? 2,
    },
    deprecation: {
      clientIdHeader: (e.CLIENT_ID_HEADER ?? 'X-Tokenshift-Client').toLowerCase(),
      usage: {
        enabled: e.USAGE_RECORDING !== 'false',
        // Each write has a fixed cost (a transaction, triggers, a WAL flush): below ~10,000 events a
        // second the interval, not the size, should start it (measured in docs/benchmarks.md).
        batchSize: e.USAGE_BATCH_SIZE ?? 20_000,
        flushIntervalMs: e.USAGE_FLUSH_INTERVAL_MS ?? 2000,
        maxQueue: e.USAGE_MAX_QUEUE ?? 100_000,
        retentionDays: e.USAGE_RETENTION_DAYS ?? 90,
        anonymousAgents: e.USAGE_ANONYMOUS_AGENTS ?? 100,
        spoolDir: usageSpoolDir(e.USAGE_SPOOL_DIR, database, baseDir),
      },
      policy: {
        schedule: {
          deprecatedAt,
          sunsetAt,
          docsUrl: e.DEPRECATION_DOCS_URL ?? `${baseUrl}/docs`,
        },
        mode: e.SESSION_POLICY ?? 'off',
        brownouts: checked('BROWNOUT_WINDOWS', (): BrownoutRule[] => parseBrownouts(e.BROWNOUT_WINDOWS)),
        exemptUsers: list(e.DEPRECATION_EXEMPT_USERS),
        exemptClients: list(e.DEPRECATION_EXEMPT_CLIENTS),
      },
    },
    metrics: { token: e.METRICS_TOKEN, scanRefreshSeconds: e.METRICS_SCAN_REFRESH_SECONDS ?? 60 },
  };
}

/** Beside the database folder, as its `.lock` is: each folder has its own demo user, so its own token. */
function demoTokenFile(setting: string | undefined, database: DatabaseTarget, baseDir: string): string | null {
  return setting !== undefined ? resolve(baseDir, setting) : besideDataDir(database, '.demo-token');
}

/**
 * Where deprecated uses are spooled before their response leaves: the folder given, else beside the
 * embedded database's folder; none for `pglite:memory` (nothing survives its process anyway), for
 * PostgreSQL unless a folder is given (one per instance), or when set to `off`.
 */
function usageSpoolDir(setting: string | undefined, database: DatabaseTarget, baseDir: string): string | null {
  if (setting === 'off' || (database.kind === 'pglite' && !database.dataDir)) return null;
  return setting ? resolve(baseDir, setting) : besideDataDir(database, '.usage-spool');
}

/** A file or folder beside an embedded database's folder, as its `.lock` is; none for memory or PostgreSQL. */
function besideDataDir(database: DatabaseTarget, suffix: string): string | null {
  return database.kind === 'pglite' && database.dataDir ? `${database.dataDir}${suffix}` : null;
}

/** Runs a check whose failure is a configuration error, reported like the other invalid variables. */
function checked<T>(variable: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new InvalidEnvironmentError(`Invalid configuration:\n  ${variable}: ${(error as Error).message}`);
  }
}
