// Seeds a dedicated PostgreSQL database with N raw usage events (deprecated uses) over the last days,
// the hourly roll-ups the server would have written for them plus token traffic, users and scan runs,
// for the dashboard benchmark. Set-based SQL, one day per statement.
// Alone: npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/seed-usage-events.ts --events 10000000
import { Command, InvalidArgumentError } from 'commander';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  apportion,
  CLIENTS,
  DEPRECATED_ACTIONS,
  DEPRECATED_USER_SKEW,
  DEPRECATED_USERS,
  FIRST_NAMES,
  HOUR_WEIGHTS,
  LAST_NAMES,
  lowerBounds,
  TOKEN_ACTIONS,
  TOKEN_CALLS_PER_DEPRECATED_CALL,
  TOKEN_USER_SKEW,
  TrafficAction,
  USER_COUNT,
  USUAL_ACTION_SHARE,
  USUAL_ACTIONS,
  USUAL_CLIENT_SHARE,
  WEEKEND_FACTOR,
} from './usage-traffic-model';
import { itemAt } from './item-at';

export const DASHBOARD_BENCH_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/tokenshift_bench_dashboard';

export interface SeedOptions {
  events: number;
  databaseUrl?: string;
  /** Days of traffic, ending at the start of the current hour. */
  days?: number;
  /** Seed again even when the database already holds this data set. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface SeedResult {
  /** False when an existing data set was reused. */
  seeded: boolean;
  seconds: number;
  rawEvents: number;
  rollupRows: number;
  tokenCalls: number;
  seededAt: Date;
}

/** What the seed wrote, kept as the database's comment: present only once seeding completed. */
interface SeedMarker {
  events: number;
  days: number;
  rollupRows: number;
  tokenCalls: number;
  seconds: number;
  seededAt: string;
}

/** A data set older than this is seeded again: the dashboard's windows end now, the data would slide out. */
const MAX_REUSE_AGE_DAYS = 7;

/** The database to (re)create: its name must say it is a benchmark's, so no other database is ever dropped. */
function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^\w*bench\w*$/.test(name)) throw new Error(`The database is dropped and recreated: name it *bench* (letters, digits, _), not '${name}'`);
  return name;
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function readMarker(url: string): Promise<SeedMarker | null> {
  const admin = await connect(maintenanceUrl(url));
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [databaseName(url)],
    );
    if (!rows[0]?.comment) return null;
    return JSON.parse(rows[0].comment) as SeedMarker;
  } catch {
    return null;
  } finally {
    await admin.end();
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = await connect(maintenanceUrl(url));
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

const WORKSPACE = resolve(__dirname, '../../..');

/**
 * The committed migrations, applied by `npm run db:migrate`'s script (PrismaService.migrate, as the
 * server on start). A child process: this project's tsconfig does not compile libs/db's decorators.
 */
function migrate(url: string): string {
  const tsx = join(WORKSPACE, 'node_modules/tsx/dist/cli.mjs');
  const output = execFileSync(process.execPath, [tsx, '--tsconfig', 'libs/db/tsconfig.json', 'libs/db/src/bin/migrate-deploy.ts'], {
    cwd: WORKSPACE,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  // The script's own summary line (the Nest logger writes to stdout too).
  return output.trim().split('\n').pop() ?? '';
}

/** Parameters that describe one table of actions to `width_bucket(random(), bounds)`-indexed arrays. */
function actionArrays(actions: TrafficAction[]): unknown[] {
  return [
    lowerBounds(actions.map((a) => a.weight)),
    actions.map((a) => a.kind),
    actions.map((a) => a.authMode),
    actions.map((a) => a.method),
    actions.map((a) => a.endpoint),
    actions.map((a) => a.status),
    actions.map((a) => a.anonymous ?? false),
  ];
}

const clientIds = CLIENTS.map((c) => c.clientId);
const userAgents = CLIENTS.map((c) => c.userAgent);

/**
 * One row per request of one day: a time (hour by HOUR_WEIGHTS, then uniform to the millisecond, so
 * it never rounds into the next hour), a user (skewed: few busy users), an action (mostly one of the
 * user's usual ones, drawn once per user from the action weights, else any) and a client (the user's
 * usual one, sometimes any). Parameters: $1 day start, $2 hour bounds, $3 action bounds, $4 count;
 * users and skew are inlined constants.
 */
function generatedRequests(users: number, skew: number, userOffset: number, clientStride: number): string {
  // A fixed pseudo-random number in [0, 1) per user and slot, so a user's usual actions never change.
  const usualActionDraw = `((user_no * 7919 + usual_slot * 104729) % 1009) / 1009.0`;
  return `
    SELECT at, user_no,
           width_bucket(CASE WHEN usual_action THEN ${usualActionDraw} ELSE random() END, $3::float8[]) AS action,
           CASE WHEN usual_client THEN 1 + (user_no * ${clientStride}) % ${CLIENTS.length} ELSE other_client END AS client
    FROM (
      SELECT $1::timestamp + (width_bucket(random(), $2::float8[]) - 1) * interval '1 hour'
               + floor(random() * 3600000) * interval '1 millisecond' AS at,
             1 + (floor(power(random(), ${skew}) * ${users})::int + ${userOffset}) % ${USER_COUNT} AS user_no,
             random() < ${USUAL_ACTION_SHARE} AS usual_action,
             floor(random() * ${USUAL_ACTIONS})::int AS usual_slot,
             random() < ${USUAL_CLIENT_SHARE} AS usual_client,
             1 + floor(random() * ${CLIENTS.length})::int AS other_client
      FROM generate_series(1, $4::int)
    ) requests`;
}

const USER_NAME = `'user' || lpad(user_no::text, 4, '0')`;
const USER_ID = `md5('bench-user-' || user_no)::uuid`;
const CLIENT_KEY = (clientId: string, userAgent: string) => `left(COALESCE(NULLIF(${clientId}, ''), NULLIF(${userAgent}, ''), ''), 255)`;

/**
 * A day of deprecated uses into UsageEvent, and their hourly roll-up computed from exactly the rows
 * inserted (GROUP BY over RETURNING), keyed as the server keys it (user name or '', clientKeyOf).
 * $5..$10 the action arrays, $11 client ids, $12 User-Agents.
 */
const INSERT_DEPRECATED_DAY = `
  WITH requests AS (${generatedRequests(DEPRECATED_USERS, DEPRECATED_USER_SKEW, 0, 7)}),
  inserted AS (
    INSERT INTO "UsageEvent" ("occurredAt", "kind", "authMode", "userId", "userName", "method", "endpoint", "status", "userAgent", "ip", "clientId")
    SELECT at, ($5::text[])[action], ($6::text[])[action],
           CASE WHEN ($10::bool[])[action] THEN NULL ELSE ${USER_ID} END,
           CASE WHEN ($10::bool[])[action] THEN NULL ELSE ${USER_NAME} END,
           ($7::text[])[action], ($8::text[])[action], ($9::int[])[action], ($12::text[])[client],
           '10.20.' || (user_no % 250) || '.' || client, ($11::text[])[client]
    FROM requests
    RETURNING "occurredAt", "kind", "authMode", "method", "endpoint", "userName", "userAgent", "clientId"
  )
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', "occurredAt"), "kind", "authMode", "method", "endpoint", COALESCE("userName", ''),
         ${CLIENT_KEY('"clientId"', '"userAgent"')}, count(*), max("occurredAt")
  FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** A day of token traffic, straight into the roll-ups (the server keeps no raw token events). $5..$8 kind, auth mode, method, endpoint; $9 client ids, $10 User-Agents. */
const INSERT_TOKEN_DAY = `
  WITH requests AS (${generatedRequests(USER_COUNT, TOKEN_USER_SKEW, 137, 11)})
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', at), ($5::text[])[action], ($6::text[])[action], ($7::text[])[action], ($8::text[])[action],
         ${USER_NAME}, ${CLIENT_KEY('($9::text[])[client]', '($10::text[])[client]')}, count(*), max(at)
  FROM requests GROUP BY 1, 2, 3, 4, 5, 6, 7`;

const INSERT_USERS = `
  INSERT INTO "User" ("id", "name", "email", "displayName", "emailVerified", "createdAt", "updatedAt")
  SELECT ${USER_ID}, ${USER_NAME}, ${USER_NAME} || '@example.com',
         ($2::text[])[1 + user_no % 20] || ' ' || ($3::text[])[1 + (user_no / 20) % 20], true, now(), now()
  FROM generate_series(1, $1::int) AS user_no`;

/** 20 repositories scanned weekly over the period; findings burn down from 5–80 to about half. */
const INSERT_SCAN_RUNS = `
  WITH runs AS (
    INSERT INTO "ScanRun" ("id", "repo", "commit", "branch", "scannedAt", "receivedAt", "scannerVersion", "filesScanned", "findingCount", "reportedBy")
    SELECT gen_random_uuid(), 'git.example.com/team-' || (1 + repo % 5) || '/service-' || repo, md5(repo || '-' || week), 'main',
           $1::timestamp - ($2::int - week) * interval '7 days', now(), '0.1.0', 150 + repo * 37,
           (5 + (repo * 17) % 76) * (2 * $2::int - week) / (2 * $2::int) + (repo + week) % 3, 'release-bot'
    FROM generate_series(1, 20) AS repo, generate_series(0, $2::int) AS week
    RETURNING "id", "findingCount"
  )
  INSERT INTO "ScanFinding" ("id", "runId", "ruleId", "severity", "file", "line", "column", "language", "message", "evidence", "replacement", "fingerprint")
  SELECT gen_random_uuid(), runs."id", (ARRAY['session-path', 'session-cookie', 'jsessionid', 'password-basic'])[1 + n % 4],
         (ARRAY['high', 'high', 'medium', 'low', 'info'])[1 + n % 5], 'src/jira/client-' || (n % 12) || '.py', 10 + n * 7, 5, 'python',
         'Logs in with the deprecated cookie-session resource /rest/auth/1/session', 'requests.post(url + "/rest/auth/1/session", …)',
         'Use HTTP Basic auth with an API token', md5(runs."id"::text || n)
  FROM runs, generate_series(1, runs."findingCount") AS n`;

/**
 * Drops the tables' indexes and primary keys (loading is several times faster without them); returns
 * the statements that recreate them exactly as the migrations made them.
 */
async function dropIndexes(db: Client, tables: string[]): Promise<string[]> {
  const { rows } = await db.query<{ table: string; name: string; definition: string; constraint: boolean }>(
    `SELECT c.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) AS "constraint"
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
     WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
    [tables],
  );
  const recreate: string[] = [];
  for (const index of rows) {
    if (index.constraint) {
      const { rows: [constraint] } = await db.query<{ definition: string }>(
        `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1 AND connamespace = 'public'::regnamespace`,
        [index.name],
      );
      if (!constraint) throw new Error(`No definition for the constraint ${index.name}`);
      await db.query(`ALTER TABLE "${index.table}" DROP CONSTRAINT "${index.name}"`);
      recreate.push(`ALTER TABLE "${index.table}" ADD CONSTRAINT "${index.name}" ${constraint.definition}`);
    } else {
      await db.query(`DROP INDEX "${index.name}"`);
      recreate.push(index.definition);
    }
  }
  return recreate;
}

function timestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function isWeekend(date: Date): boolean {
  return date.getUTCDay() === 0 || date.getUTCDay() === 6;
}

/**
 * Creates (or recreates) the database, applies the migrations and seeds it, unless it already holds
 * a complete data set of the same size that is less than a week old (then only pending migrations
 * are applied).
 */
export async function seedUsageEvents(options: SeedOptions): Promise<SeedResult> {
  const url = options.databaseUrl ?? DASHBOARD_BENCH_DATABASE_URL;
  const days = options.days ?? 90;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const marker = options.force ? null : await readMarker(url);
  const seededAt = marker ? new Date(marker.seededAt) : null;
  if (marker && seededAt && marker.events === options.events && marker.days === days && Date.now() - seededAt.getTime() < MAX_REUSE_AGE_DAYS * 86_400_000) {
    try {
      const migrated = migrate(url);
      log(`Reusing ${databaseName(url)}: ${marker.events.toLocaleString('en')} events seeded ${seededAt.toISOString()} in ${marker.seconds.toFixed(0)} s. ${migrated}`);
      return { seeded: false, seconds: marker.seconds, rawEvents: marker.events, rollupRows: marker.rollupRows, tokenCalls: marker.tokenCalls, seededAt };
    } catch (error) {
      // E.g. a migration applied here was edited since: start over.
      log(`Seeding again: the migrations do not apply to ${databaseName(url)} (${(error as Error).message.trim().split('\n').pop()})`);
    }
  }

  const started = performance.now();
  await recreateDatabase(url);
  migrate(url);
  const db = await connect(url);
  try {
    // A benchmark data set: losing the last commits in a crash only means seeding again.
    await db.query('SET synchronous_commit = off');
    await db.query("SET maintenance_work_mem = '512MB'");
    await db.query(INSERT_USERS, [USER_COUNT, FIRST_NAMES, LAST_NAMES]);

    const end = new Date();
    end.setUTCMinutes(0, 0, 0);
    const dayStarts = Array.from({ length: days }, (_, d) => new Date(end.getTime() - (days - d) * 86_400_000));
    // Fewer deprecated calls and more token calls as the migration goes on; quieter weekends.
    const deprecatedPerDay = apportion(options.events, dayStarts.map((start, d) => (1.5 - d / Math.max(1, days - 1)) * (isWeekend(start) ? WEEKEND_FACTOR : 1)));
    const tokenCalls = Math.round(options.events * TOKEN_CALLS_PER_DEPRECATED_CALL);
    const tokenPerDay = apportion(tokenCalls, dayStarts.map((start, d) => (0.6 + (0.8 * d) / Math.max(1, days - 1)) * (isWeekend(start) ? WEEKEND_FACTOR : 1)));
    // Every day starts at the same UTC hour (that of `end`): rotate the hour weights to it.
    const hourBounds = lowerBounds(HOUR_WEIGHTS.map((_, h) => itemAt(HOUR_WEIGHTS, (end.getUTCHours() + h) % 24)));
    const deprecated = actionArrays(DEPRECATED_ACTIONS);
    const token = actionArrays(TOKEN_ACTIONS);

    const indexes = await dropIndexes(db, ['UsageEvent', 'UsageRollup']);
    log(`Seeding ${databaseName(url)}: ${options.events.toLocaleString('en')} raw events and ${tokenCalls.toLocaleString('en')} token calls over ${days} days`);
    for (let d = 0; d < days; d++) {
      const day = timestampText(itemAt(dayStarts, d));
      await db.query(INSERT_DEPRECATED_DAY, [day, hourBounds, deprecated[0], deprecatedPerDay[d], ...deprecated.slice(1), clientIds, userAgents]);
      await db.query(INSERT_TOKEN_DAY, [day, hourBounds, token[0], tokenPerDay[d], ...token.slice(1, 5), clientIds, userAgents]);
      if ((d + 1) % 10 === 0 || d === days - 1) log(`  day ${d + 1}/${days} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    log(`  indexes (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    for (const definition of indexes) await db.query(definition);
    await db.query(INSERT_SCAN_RUNS, [timestampText(end), Math.floor(days / 7)]);
    // What autovacuum would have done on a live database: statistics and the visibility map.
    await db.query('VACUUM (ANALYZE) "UsageEvent", "UsageRollup", "User", "ScanRun", "ScanFinding"');

    const [counts = { events: '0', rollups: '0' }] = (await db.query<{ events: string; rollups: string }>(`SELECT (SELECT count(*) FROM "UsageEvent") AS events, (SELECT count(*) FROM "UsageRollup") AS rollups`)).rows;
    const rawEvents = Number(counts.events);
    if (rawEvents !== options.events) throw new Error(`Seeded ${rawEvents} events, expected ${options.events}`);
    const seconds = (performance.now() - started) / 1000;
    const written: SeedMarker = { events: rawEvents, days, rollupRows: Number(counts.rollups), tokenCalls, seconds, seededAt: new Date().toISOString() };
    await db.query(`COMMENT ON DATABASE "${databaseName(url)}" IS '${JSON.stringify(written)}'`);
    log(`Seeded ${rawEvents.toLocaleString('en')} raw events, ${written.rollupRows.toLocaleString('en')} roll-up rows in ${seconds.toFixed(0)} s`);
    return { seeded: true, seconds, rawEvents, rollupRows: written.rollupRows, tokenCalls, seededAt: new Date(written.seededAt) };
  } finally {
    await db.end();
  }
}

function positiveInteger(value: string): number {
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

if (require.main === module) {
  const program = new Command('seed-usage-events')
    .description('seed a PostgreSQL database with usage events for the dashboard benchmark')
    .option('--events <n>', 'raw usage events (deprecated uses)', positiveInteger, 10_000_000)
    .option('--days <n>', 'days of traffic, ending now', positiveInteger, 90)
    .option('--database <url>', 'database to (re)create', DASHBOARD_BENCH_DATABASE_URL)
    .option('--force', 'seed again even if the database already holds this data set', false)
    .parse();
  const options = program.opts<{ events: number; days: number; database: string; force: boolean }>();
  seedUsageEvents({ events: options.events, days: options.days, databaseUrl: options.database, force: options.force }).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
