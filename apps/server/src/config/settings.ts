import { DEFAULT_DATABASE_URL, DEFAULT_ROW_CACHE } from '@tokenshift/db';
import { DEFAULT_JQL_LIMITS } from '../jira/jql/jql-parser';
import { LOG_LEVEL_VALUES } from '../logging/log-level';
import { DEFAULT_BACKOFF_MS } from '@tokenshift/auth-session';
import { durationList, flag, instant, integer, oneOf, type Setting, text, timeZone, url } from './setting-kinds';

/** Atlassian's dates for this deprecation: announced for 15 March 2018, removal 1 December 2018. */
export const ATLASSIAN_DEPRECATION_DATE = '2018-03-15T00:00:00Z';
export const ATLASSIAN_SUNSET_DATE = '2018-12-01T00:00:00Z';

/**
 * Every environment variable the server reads: its type, default and meaning. Start-up validation,
 * the typed values `buildAppConfig` reads and the README's settings table all come from here (a test
 * checks the README; `npx nx run server:settings-table` rewrites it).
 */
export const SETTINGS = {
  HOST: text({ default: '127.0.0.1', doc: 'Interface to listen on (`0.0.0.0` for all).' }),
  PORT: integer({ min: 0, max: 65535, default: 8080, doc: 'Port to listen on.' }),
  BASE_URL: url({ defaultText: '`http://<HOST>:<PORT>`', doc: 'Public base URL, used in Jira `self` links and `login-url`.' }),
  SHUTDOWN_DELAY_MS: integer({
    min: 0,
    max: 600_000,
    default: 0,
    doc:
      'On SIGTERM or SIGINT, first keep serving every request for this long while `/health` answers 503 (`"status": "draining"`) and every answer says ' +
      '`Connection: close`, so that load balancers take the instance out of rotation before it stops listening (Kubernetes removes a pod from its ' +
      'Service only after sending SIGTERM: 5000–10000 is usual there). 0: stop listening at once. Counts toward the orchestrator\'s limit with SHUTDOWN_GRACE_MS.',
  }),
  SHUTDOWN_GRACE_MS: integer({
    min: 0,
    max: 3_600_000,
    default: 10_000,
    doc:
      'On SIGTERM or SIGINT, requests in flight get this long to finish (no new connection is accepted); then the connections still open, incoming and ' +
      "the gateway's to the upstream, are cut and named in the log, queued usage is written and the process exits, at most 15 s after this period. " +
      "A second signal exits at once. Keep this plus 15 s under the orchestrator's limit (Kubernetes `terminationGracePeriodSeconds`, 30 s by default; systemd `TimeoutStopSec`).",
  }),
  DATABASE_URL: text({
    defaultText: `\`${DEFAULT_DATABASE_URL}\``,
    doc: '`pglite:<folder>` (embedded, relative to the working directory), `pglite:memory`, or `postgresql://user:pass@host:5432/db`.',
  }),
  DATABASE_POOL_SIZE: integer({
    min: 1,
    max: 200,
    default: 10,
    doc: 'PostgreSQL connections per server process for requests (plus one for cache invalidations and one for usage batches).',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: integer({
    min: 0,
    max: 2_147_483_647,
    default: 10_000,
    doc:
      'PostgreSQL cancels a request\'s statement that runs longer (`statement_timeout`); the request answers `503` with `Retry-After`. `0` = no limit. ' +
      'Not on the embedded database, which cannot interrupt a query (docs/auth.md, "Search limits").',
  }),
  AUTH_CACHE_SIZE: integer({
    min: 0,
    max: 1_000_000,
    default: DEFAULT_ROW_CACHE.maxEntries,
    doc: 'Token and session rows cached per instance (0 = off); kept consistent across instances by PostgreSQL LISTEN/NOTIFY (docs/auth.md).',
  }),
  AUTH_CACHE_TTL_SECONDS: integer({ min: 1, max: 3600, default: DEFAULT_ROW_CACHE.ttlSeconds, doc: 'How long a cached token or session row is used before it is read again.' }),
  DEMO_DATA: flag({
    defaultText: '`true` on the embedded database, else `false`',
    doc: 'Seed demo users, a demo project and mint a demo API token at start (shown on a terminal, written to `DEMO_TOKEN_FILE`; with neither, not minted).',
  }),
  DEMO_TOKEN_FILE: text({
    defaultText: '`<folder>.demo-token` beside an embedded database folder (`.data/pglite.demo-token`); none on PostgreSQL and `pglite:memory`',
    doc: 'File (path, relative to the working directory) the demo token is written to, mode 0600, replaced at each start; never logged.',
  }),
  LOG_FORMAT: oneOf(['json', 'text'], {
    defaultText: '`text` on a terminal, else `json`',
    doc: 'Log output format: one JSON object per line, or a line for people (docs/logs.md).',
  }),
  LOG_LEVEL: oneOf(LOG_LEVEL_VALUES, {
    default: 'log',
    defaultText: '`log` (= pino `info`)',
    doc: '`fatal`, `error`, `warn`, `log`/`info`, `debug` or `verbose`/`trace`; Nest\'s route-mapping lines are at `debug`.',
  }),
  SESSION_COOKIE_NAME: oneOf(['JSESSIONID', 'cloud.session.token'], {
    default: 'JSESSIONID',
    doc: 'Session cookie name: `JSESSIONID` (Jira Server/DC) or `cloud.session.token` (Jira Cloud).',
  }),
  SESSION_COOKIE_SECURE: oneOf(['auto', 'always', 'never'], { default: 'auto', doc: '`auto` (Secure on HTTPS), `always` or `never`.' }),
  SESSION_IDLE_TIMEOUT_SECONDS: integer({ min: 1, default: 30 * 60, doc: 'A session unused this long is dead.' }),
  SESSION_MAX_LIFETIME_SECONDS: integer({ min: 1, default: 8 * 60 * 60, doc: 'A session is dead this long after login.' }),
  DASHBOARD_SESSION_IDLE_TIMEOUT_SECONDS: integer({
    min: 1,
    default: 30 * 60,
    doc: 'A dashboard sign-in (the web pages\' own session, not the deprecated one) unused this long is dead.',
  }),
  DASHBOARD_SESSION_MAX_LIFETIME_SECONDS: integer({ min: 1, default: 8 * 60 * 60, doc: 'A dashboard sign-in is dead this long after it started, however active.' }),
  MAX_FAILED_LOGINS: integer({ min: 0, default: 3, doc: "Consecutive failed logins before logins are denied (Jira's CAPTCHA) for a while (`LOCKOUT_BACKOFF`); `0` = never." }),
  LOCKOUT_BACKOFF: durationList({
    default: [...DEFAULT_BACKOFF_MS],
    defaultText: '`1m,5m,15m,60m`',
    doc: 'How long a lock-out lasts: the first lock since the last successful login takes the first step, the next the second, and so on (the last repeats). The lock ends by itself; `/login.jsp` says when.',
  }),
  LOGIN_RATE_LIMIT_PER_IP: integer({
    min: 0,
    default: 60,
    doc: 'Password checks (session login `POST`, password Basic) one client address may ask for per `LOGIN_RATE_LIMIT_WINDOW_SECONDS`; past it `429` with `Retry-After`. `0` = no limit. Behind a proxy set `TRUST_PROXY`.',
  }),
  LOGIN_RATE_LIMIT_PER_ACCOUNT: integer({
    min: 0,
    default: 20,
    doc: 'Password checks for one username (known or not) per `LOGIN_RATE_LIMIT_WINDOW_SECONDS`, from all addresses together; past it `429`. `0` = no limit.',
  }),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: integer({ min: 1, max: 86_400, default: 60, doc: 'The window both login rate limits count in.' }),
  ALLOW_PASSWORD_BASIC: flag({ default: false, doc: 'Also accept `Basic user:password` (deprecated; for a migration period).' }),
  AUTH_REALM: text({ default: 'tokenshift', doc: 'Realm in `WWW-Authenticate: Basic realm="…"`.' }),
  ANONYMOUS_ISSUE_ACCESS: flag({ default: false, doc: 'Let anonymous callers search and read issues.' }),
  JQL_MAX_VALUES: integer({
    min: 1,
    max: 100_000,
    default: DEFAULT_JQL_LIMITS.maxValues,
    doc: 'Most values in one JQL list (`IN (…)`, counted as written, duplicates too); past it a search answers `400` naming the limit (docs/auth.md, "Search limits").',
  }),
  JQL_MAX_CLAUSES: integer({
    min: 1,
    max: 10_000,
    default: DEFAULT_JQL_LIMITS.maxClauses,
    doc: 'Most clauses in one JQL query; past it a search answers `400` naming the limit.',
  }),
  JQL_TIME_ZONE: timeZone({
    default: 'UTC',
    doc: 'Time zone JQL dates are read in: absolute dates (`"2020-01-01"`), periods (`-1d`) and `startOfDay()`, `startOfWeek()`… (docs/jql.md).',
  }),
  SEARCH_CONCURRENCY: integer({
    min: 1,
    max: 1000,
    default: 2,
    doc: 'Searches one server process runs at once; the others wait their turn, so a burst of heavy searches cannot starve other requests (docs/auth.md, "Search limits").',
  }),
  DEPRECATION_DATE: instant({ default: ATLASSIAN_DEPRECATION_DATE, doc: 'Sent as `Deprecation: @<unix seconds>` (RFC 9745) on every deprecated use.' }),
  SUNSET_DATE: instant({
    default: ATLASSIAN_SUNSET_DATE,
    doc: "Sent as `Sunset:` (RFC 8594); must not be before `DEPRECATION_DATE`. Atlassian's dates by default: set your own.",
  }),
  DEPRECATION_DOCS_URL: url({ defaultText: '`<BASE_URL>/docs`', doc: 'The `Link: <…>; rel="deprecation"` target (your migration guide).' }),
  SESSION_POLICY: oneOf(['off', 'dry-run', 'enforce'], {
    default: 'off',
    doc: '`off` (headers and recording only), `dry-run` (also record and log what would be refused), `enforce` (answer 410 after the sunset date and during brown-outs).',
  }),
  BROWNOUT_WINDOWS: text({
    defaultText: '(none)',
    doc: '`;`-separated: `2026-12-01T10:00:00Z/2026-12-01T11:00:00Z` or `cron(0 10 * * 1)/PT1H` (UTC cron + duration).',
  }),
  DEPRECATION_EXEMPT_USERS: text({ defaultText: '(none)', doc: 'Comma-separated usernames that keep the old mode.' }),
  DEPRECATION_EXEMPT_CLIENTS: text({ defaultText: '(none)', doc: 'Comma-separated client ids (or exact User-Agents) that keep the old mode.' }),
  CLIENT_ID_HEADER: text({ default: 'X-Tokenshift-Client', pattern: /^[A-Za-z0-9-]+$/, doc: 'Header a caller may send to name itself in the usage data.' }),
  USAGE_RECORDING: flag({ default: true, doc: 'Record deprecated usage.' }),
  USAGE_BATCH_SIZE: integer({
    min: 1,
    max: 100_000,
    // Each write has a fixed cost (a transaction, triggers, a WAL flush): below ~10,000 events a
    // second the interval, not the size, should start it (measured in docs/benchmarks.md).
    default: 20_000,
    doc: 'Usage events are written in batches off the request path: a batch is written once this many wait.',
  }),
  USAGE_FLUSH_INTERVAL_MS: integer({ min: 1, default: 2000, doc: 'A batch of usage events is written at least this often.' }),
  USAGE_MAX_QUEUE: integer({ min: 100, default: 100_000, doc: 'Usage events waiting to be written, at most; beyond it they are dropped and counted.' }),
  USAGE_SPOOL_DIR: text({
    defaultText: '`<folder>.usage-spool` beside a `pglite:<folder>` database; none for `pglite:memory` and PostgreSQL',
    doc:
      'Folder each deprecated use is appended to before its response is sent, so a crash (even `kill -9`) loses none: what a stopped process left is written at the next start. ' +
      'One folder per instance (locked); set one for each PostgreSQL instance; `off` for none (docs/deprecation.md).',
  }),
  USAGE_ANONYMOUS_AGENTS: integer({
    min: 0,
    max: 10_000,
    default: 100,
    doc: 'User-Agents of anonymous deprecated uses kept (the most frequent, in `UsageAnonymousAgent`); anonymous uses themselves are counted exactly under the one client `anonymous`. `0` keeps none.',
  }),
  USAGE_RETENTION_DAYS: integer({ min: 1, default: 90, doc: 'Raw usage events are deleted after this; hourly roll-ups are kept.' }),
  METRICS_TOKEN: text({
    minLength: 16,
    defaultText: '(none: `/metrics` open, no repository names)',
    doc: 'Bearer token `/metrics` requires (`openssl rand -hex 32`); with it, scanner findings per repository are exported too. docs/grafana/README.md',
  }),
  METRICS_SCAN_REFRESH_SECONDS: integer({
    min: 1,
    max: 86_400,
    default: 60,
    doc: 'Scanner figures on `/metrics` are read from the database at most this often (and after a run is reported to the instance).',
  }),
  TRUST_PROXY: text({
    default: 'false',
    doc: 'Believe `X-Forwarded-For`/`-Proto` from these proxies: `true` (any), or a comma-separated list of addresses/CIDRs. With HTTPS at the proxy, session cookies get `Secure`.',
  }),
  UPSTREAM_URL: url({
    defaultText: '(none: built-in mode)',
    doc: 'Gateway mode: every request outside `GATEWAY_PREFIX` is streamed to this Jira (or other HTTP API) and observed on the way (docs/gateway.md). `http://` or `https://`, no path.',
  }),
  GATEWAY_PREFIX: text({
    default: '/tokenshift',
    pattern: /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/,
    doc: "Gateway mode: the path tokenshift's own pages live under (dashboard, read API, metrics, health, docs, token admin); everything else goes upstream.",
  }),
  UPSTREAM_PRESERVE_HOST: flag({ default: false, doc: "Gateway mode: send the client's `Host` upstream instead of the upstream's own." }),
  UPSTREAM_CA_FILE: text({ defaultText: '(none: the system CAs)', doc: 'Gateway mode: PEM file of the CA(s) that sign an `https://` upstream (read at start).' }),
  UPSTREAM_CONNECT_TIMEOUT_MS: integer({ min: 1, max: 600_000, default: 5_000, doc: 'Gateway mode: connecting to the upstream takes at most this long; then `504`.' }),
  UPSTREAM_READ_TIMEOUT_MS: integer({
    min: 1,
    max: 3_600_000,
    default: 60_000,
    doc: 'Gateway mode: the upstream answers (headers) within this, and never pauses longer than this in a body; then `504` (or the stream is cut).',
  }),
  UPSTREAM_SESSION_COOKIES: text({
    default: 'JSESSIONID,cloud.session.token',
    pattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(,[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/,
    doc: "Gateway mode: comma-separated names of the upstream's session cookies; a call with one and no `Authorization` is a deprecated cookie call.",
  }),
  GATEWAY_ATTRIBUTION_TTL_SECONDS: integer({
    min: 1,
    max: 30 * 24 * 60 * 60,
    default: 8 * 60 * 60,
    doc: 'Gateway mode: how long the user of a session cookie seen being issued by the upstream is remembered (only its hash, in the database).',
  }),
  UPSTREAM_USER_HEADER: text({
    default: 'X-AUSERNAME',
    pattern: /^[A-Za-z0-9-]+$/,
    doc: "Gateway mode: response header in which the upstream names the caller (Jira's `X-AUSERNAME`); it wins over the remembered login.",
  }),
  GATEWAY_PASSWORD_BASIC_DEPRECATED: flag({
    default: false,
    doc: 'Gateway mode: treat `Basic user:password` as deprecated (headers, policy, 410s); otherwise it is only counted, as its own kind (Data Center still allows it).',
  }),
} satisfies Record<string, Setting<unknown>>;

type SettingsTable = typeof SETTINGS;

/** The value of each setting: what was set, else its default (undefined where the default depends on other settings, or there is none). */
export type Settings = { [Name in keyof SettingsTable]: SettingsTable[Name]['fallback'] };

export class InvalidEnvironmentError extends Error {}

/** Reads and checks every setting at once; a bad value stops the server with one line per bad variable (never the value: it may be a secret). */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as Array<[string, Setting<unknown>]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      values[name] = setting.fallback;
      continue;
    }
    const parsed = setting.parse(raw);
    if ('problem' in parsed) problems.push(`${name}: ${parsed.problem}`);
    else values[name] = parsed.value;
  }
  if (problems.length) throw new InvalidEnvironmentError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return values as Settings;
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README's settings table, one row per variable. */
export function settingsTableMarkdown(): string {
  const rows = (Object.entries(SETTINGS) as Array<[string, Setting<unknown>]>).map(([name, setting]) => {
    const defaultText = setting.defaultText ?? (setting.fallback === undefined ? '(none)' : `\`${String(setting.fallback)}\``);
    return `| \`${name}\` | ${markdownCell(setting.type)} | ${markdownCell(defaultText)} | ${markdownCell(setting.doc)} |`;
  });
  return ['| Variable | Type | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
