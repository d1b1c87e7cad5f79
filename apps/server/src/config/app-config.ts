import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Level } from 'pino';
import type { DashboardSessionOptions, SessionOptions } from '@tokenshift/auth-session';
import { DatabaseTarget, parseDatabaseUrl } from '@tokenshift/db';
import { assertValidSchedule, BrownoutRule, parseBrownouts, UsageModuleOptions } from '@tokenshift/usage';
import { toPinoLevel } from '../logging/log-level';
import type { JqlLimits } from '../jira/jql/jql-parser';
import { TOKENS_PAGE_PATH, TOKENSHIFT_API_PATH } from '../routes';
import { InvalidEnvironmentError, readSettings } from './settings';

/** The dashboard sign-in's cookie: a name of its own, so it is never taken for Jira's session cookie. */
export const DASHBOARD_COOKIE_NAME = 'tokenshift.dashboard';

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
  /** After SIGTERM/SIGINT, requests in flight get this long to finish before their connections are cut. */
  shutdownGraceMs: number;
  /** After SIGTERM/SIGINT, and before the grace period: everything is still served while `/health` says draining. */
  shutdownDelayMs: number;
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
  /** Apply pending migrations on start (default true); the CLI's rename runs without, to resolve what holds a migration back. */
  migrate?: boolean;
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

export interface LoginRateLimit {
  perIp: number;
  perAccount: number;
  windowSeconds: number;
}

export interface AuthConfig {
  session: SessionOptions;
  /** The web sign-in of tokenshift's own pages (not the deprecated session). */
  dashboard: DashboardSessionOptions;
  /** Accept `Basic user:password` (deprecated; reported like cookies). */
  allowPasswordBasic: boolean;
  /** Password checks allowed per client address and per username in a window (0 = no limit). */
  loginRateLimit: LoginRateLimit;
  /** Realm in `WWW-Authenticate: Basic realm="…"`. */
  realm: string;
  /** Let anonymous callers read issues and search. */
  anonymousIssueAccess: boolean;
}

export interface SearchConfig {
  /** Most values in one JQL list and most clauses in one query. */
  jqlLimits: JqlLimits;
  /** IANA zone that JQL dates (`"2020-01-01"`, `startOfDay()`, `-1d`) are read in, for users without their own. */
  timeZone: string;
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

/** Gateway mode (`UPSTREAM_URL` set): tokenshift in front of a Jira or another HTTP API (docs/gateway.md). */
export interface GatewayConfig {
  /** The upstream's origin (`https://jira.internal:8443`), without a trailing slash. */
  upstreamUrl: string;
  /** tokenshift's own pages live under this path (`/tokenshift`); everything else is proxied. */
  prefix: string;
  preserveHost: boolean;
  /** PEM text of the CAs an https upstream is verified against; undefined = the system's. */
  ca: string | undefined;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** The upstream's session cookie names. */
  sessionCookies: readonly string[];
  attributionTtlSeconds: number;
  /** Lower-case response header naming the caller (`x-ausername`). */
  userHeader: string;
  passwordBasicDeprecated: boolean;
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
  /** Null in the built-in mode. */
  gateway: GatewayConfig | null;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

export function buildAppConfig(env: Record<string, string | undefined>, baseDir = process.cwd()): AppConfig {
  const s = readSettings(env);
  const database = parseDatabaseUrl(s.DATABASE_URL, baseDir);
  const deprecatedAt = new Date(s.DEPRECATION_DATE);
  const sunsetAt = new Date(s.SUNSET_DATE);
  checked('SUNSET_DATE', () => assertValidSchedule({ deprecatedAt, sunsetAt, docsUrl: '' }));
  const baseUrl = (s.BASE_URL ?? `http://${s.HOST === '0.0.0.0' ? 'localhost' : s.HOST}:${s.PORT}`).replace(/\/+$/, '');
  const gateway = s.UPSTREAM_URL === undefined ? null : gatewayConfig(s, s.UPSTREAM_URL, baseDir);
  // Where tokenshift's own pages are: under the prefix in gateway mode.
  const ownUrl = baseUrl + (gateway?.prefix ?? '');
  return {
    server: {
      host: s.HOST,
      port: s.PORT,
      baseUrl,
      logFormat: s.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
      logLevel: toPinoLevel(s.LOG_LEVEL),
      trustProxy: s.TRUST_PROXY === 'false' ? false : s.TRUST_PROXY === 'true' ? true : s.TRUST_PROXY,
      shutdownGraceMs: s.SHUTDOWN_GRACE_MS,
      shutdownDelayMs: s.SHUTDOWN_DELAY_MS,
    },
    database: {
      url: s.DATABASE_URL,
      kind: database.kind,
      poolSize: s.DATABASE_POOL_SIZE,
      statementTimeoutMs: s.DATABASE_STATEMENT_TIMEOUT_MS,
      baseDir,
      rowCache: { maxEntries: s.AUTH_CACHE_SIZE, ttlSeconds: s.AUTH_CACHE_TTL_SECONDS },
    },
    demo: {
      enabled: s.DEMO_DATA ?? database.kind === 'pglite',
      tokenFile: demoTokenFile(s.DEMO_TOKEN_FILE, database, baseDir),
    },
    auth: {
      session: {
        cookieName: s.SESSION_COOKIE_NAME,
        cookieSecure: s.SESSION_COOKIE_SECURE,
        idleTimeoutSeconds: s.SESSION_IDLE_TIMEOUT_SECONDS,
        maxLifetimeSeconds: s.SESSION_MAX_LIFETIME_SECONDS,
        maxFailedLogins: s.MAX_FAILED_LOGINS,
        lockoutBackoffMs: s.LOCKOUT_BACKOFF,
        loginUrl: `${baseUrl}/login.jsp`,
      },
      dashboard: {
        cookieName: DASHBOARD_COOKIE_NAME,
        idleTimeoutSeconds: s.DASHBOARD_SESSION_IDLE_TIMEOUT_SECONDS,
        maxLifetimeSeconds: s.DASHBOARD_SESSION_MAX_LIFETIME_SECONDS,
        pathPrefix: `/${TOKENSHIFT_API_PATH}/`,
        // The browser sends the gateway's prefix; tokenshift's routing (and the resolver) sees it stripped.
        cookiePath: `${gateway?.prefix ?? ''}/${TOKENSHIFT_API_PATH}`,
      },
      allowPasswordBasic: s.ALLOW_PASSWORD_BASIC,
      loginRateLimit: { perIp: s.LOGIN_RATE_LIMIT_PER_IP, perAccount: s.LOGIN_RATE_LIMIT_PER_ACCOUNT, windowSeconds: s.LOGIN_RATE_LIMIT_WINDOW_SECONDS },
      realm: s.AUTH_REALM,
      anonymousIssueAccess: s.ANONYMOUS_ISSUE_ACCESS,
    },
    search: {
      jqlLimits: { maxValues: s.JQL_MAX_VALUES, maxClauses: s.JQL_MAX_CLAUSES },
      timeZone: s.JQL_TIME_ZONE,
      concurrency: s.SEARCH_CONCURRENCY,
    },
    deprecation: {
      clientIdHeader: s.CLIENT_ID_HEADER.toLowerCase(),
      usage: {
        enabled: s.USAGE_RECORDING,
        batchSize: s.USAGE_BATCH_SIZE,
        flushIntervalMs: s.USAGE_FLUSH_INTERVAL_MS,
        maxQueue: s.USAGE_MAX_QUEUE,
        retentionDays: s.USAGE_RETENTION_DAYS,
        anonymousAgents: s.USAGE_ANONYMOUS_AGENTS,
        spoolDir: usageSpoolDir(s.USAGE_SPOOL_DIR, database, baseDir),
      },
      policy: {
        schedule: { deprecatedAt, sunsetAt, docsUrl: s.DEPRECATION_DOCS_URL ?? `${ownUrl}/docs`, helpUrl: `${ownUrl}/${TOKENS_PAGE_PATH}` },
        mode: s.SESSION_POLICY,
        brownouts: checked('BROWNOUT_WINDOWS', (): BrownoutRule[] => parseBrownouts(s.BROWNOUT_WINDOWS)),
        exemptUsers: list(s.DEPRECATION_EXEMPT_USERS),
        exemptClients: list(s.DEPRECATION_EXEMPT_CLIENTS),
      },
    },
    metrics: { token: s.METRICS_TOKEN, scanRefreshSeconds: s.METRICS_SCAN_REFRESH_SECONDS },
    gateway,
  };
}

function gatewayConfig(s: ReturnType<typeof readSettings>, upstream: string, baseDir: string): GatewayConfig {
  const upstreamUrl = checked('UPSTREAM_URL', () => upstreamOrigin(upstream));
  const caFile = s.UPSTREAM_CA_FILE;
  return {
    upstreamUrl,
    prefix: s.GATEWAY_PREFIX,
    preserveHost: s.UPSTREAM_PRESERVE_HOST,
    ca: caFile === undefined ? undefined : checked('UPSTREAM_CA_FILE', () => readCertificates(resolve(baseDir, caFile))),
    connectTimeoutMs: s.UPSTREAM_CONNECT_TIMEOUT_MS,
    readTimeoutMs: s.UPSTREAM_READ_TIMEOUT_MS,
    sessionCookies: list(s.UPSTREAM_SESSION_COOKIES),
    attributionTtlSeconds: s.GATEWAY_ATTRIBUTION_TTL_SECONDS,
    userHeader: s.UPSTREAM_USER_HEADER.toLowerCase(),
    passwordBasicDeprecated: s.GATEWAY_PASSWORD_BASIC_DEPRECATED,
  };
}

/** The upstream is an origin: a path would be silently dropped from every proxied URL. */
function upstreamOrigin(value: string): string {
  const parsed = new URL(value);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('must be an http:// or https:// URL');
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password) throw new Error('must be an origin only (scheme, host, port), no path, query or credentials');
  return parsed.origin;
}

function readCertificates(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('holds no PEM certificate');
  return pem;
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
