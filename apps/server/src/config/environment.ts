import { plainToInstance } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { LOG_LEVEL_VALUES, LogLevelSetting } from '../logging/log-level';

/** Every environment variable the server reads, validated once at start-up (README lists them). */
export class Environment {
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) BASE_URL?: string;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE?: number;
  @IsOptional() @IsInt() @Min(0) @Max(2_147_483_647) DATABASE_STATEMENT_TIMEOUT_MS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) AUTH_CACHE_SIZE?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3600) AUTH_CACHE_TTL_SECONDS?: number;
  @IsOptional() @IsBooleanString() DEMO_DATA?: string;
  @IsOptional() @IsString() DEMO_TOKEN_FILE?: string;
  @IsOptional() @IsIn(['json', 'text']) LOG_FORMAT?: 'json' | 'text';
  @IsOptional() @IsIn(LOG_LEVEL_VALUES) LOG_LEVEL?: LogLevelSetting;
  @IsOptional() @IsIn(['JSESSIONID', 'cloud.session.token']) SESSION_COOKIE_NAME?: 'JSESSIONID' | 'cloud.session.token';
  @IsOptional() @IsIn(['auto', 'always', 'never']) SESSION_COOKIE_SECURE?: 'auto' | 'always' | 'never';
  @IsOptional() @IsInt() @Min(1) SESSION_IDLE_TIMEOUT_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) SESSION_MAX_LIFETIME_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) MAX_FAILED_LOGINS?: number;
  @IsOptional() @IsBooleanString() ALLOW_PASSWORD_BASIC?: string;
  @IsOptional() @IsString() AUTH_REALM?: string;
  @IsOptional() @IsBooleanString() ANONYMOUS_ISSUE_ACCESS?: string;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) JQL_MAX_VALUES?: number;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) JQL_MAX_CLAUSES?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1000) SEARCH_CONCURRENCY?: number;
  @IsOptional() @IsString() TRUST_PROXY?: string;
  @IsOptional() @IsISO8601() DEPRECATION_DATE?: string;
  @IsOptional() @IsISO8601() SUNSET_DATE?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) DEPRECATION_DOCS_URL?: string;
  @IsOptional() @IsIn(['off', 'dry-run', 'enforce']) SESSION_POLICY?: 'off' | 'dry-run' | 'enforce';
  @IsOptional() @IsString() BROWNOUT_WINDOWS?: string;
  @IsOptional() @IsString() DEPRECATION_EXEMPT_USERS?: string;
  @IsOptional() @IsString() DEPRECATION_EXEMPT_CLIENTS?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9-]+$/) CLIENT_ID_HEADER?: string;
  @IsOptional() @IsBooleanString() USAGE_RECORDING?: string;
  @IsOptional() @IsInt() @Min(1) USAGE_RETENTION_DAYS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) USAGE_BATCH_SIZE?: number;
  @IsOptional() @IsInt() @Min(1) USAGE_FLUSH_INTERVAL_MS?: number;
  @IsOptional() @IsInt() @Min(100) USAGE_MAX_QUEUE?: number;
  @IsOptional() @IsString() @MinLength(16) METRICS_TOKEN?: string;
  @IsOptional() @IsInt() @Min(1) @Max(86_400) METRICS_SCAN_REFRESH_SECONDS?: number;
  @IsOptional() @IsString() USAGE_SPOOL_DIR?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) USAGE_ANONYMOUS_AGENTS?: number;
}

export class InvalidEnvironmentError extends Error {}

export function validateEnvironment(env: Record<string, string | undefined>): Environment {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentKeys()).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = plainToInstance(Environment, known, { enableImplicitConversion: true });
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length) {
    const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new InvalidEnvironmentError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed;
}

/** The variable names, so only ours are read (and nothing else from the environment is kept). */
class EnvironmentKeys implements Record<keyof Environment, undefined> {
  HOST = undefined;
  PORT = undefined;
  BASE_URL = undefined;
  DATABASE_URL = undefined;
  DATABASE_POOL_SIZE = undefined;
  DATABASE_STATEMENT_TIMEOUT_MS = undefined;
  AUTH_CACHE_SIZE = undefined;
  AUTH_CACHE_TTL_SECONDS = undefined;
  DEMO_DATA = undefined;
  DEMO_TOKEN_FILE = undefined;
  LOG_FORMAT = undefined;
  LOG_LEVEL = undefined;
  SESSION_COOKIE_NAME = undefined;
  SESSION_COOKIE_SECURE = undefined;
  SESSION_IDLE_TIMEOUT_SECONDS = undefined;
  SESSION_MAX_LIFETIME_SECONDS = undefined;
  MAX_FAILED_LOGINS = undefined;
  ALLOW_PASSWORD_BASIC = undefined;
  AUTH_REALM = undefined;
  ANONYMOUS_ISSUE_ACCESS = undefined;
  JQL_MAX_VALUES = undefined;
  JQL_MAX_CLAUSES = undefined;
  SEARCH_CONCURRENCY = undefined;
  TRUST_PROXY = undefined;
  DEPRECATION_DATE = undefined;
  SUNSET_DATE = undefined;
  DEPRECATION_DOCS_URL = undefined;
  SESSION_POLICY = undefined;
  BROWNOUT_WINDOWS = undefined;
  DEPRECATION_EXEMPT_USERS = undefined;
  DEPRECATION_EXEMPT_CLIENTS = undefined;
  CLIENT_ID_HEADER = undefined;
  USAGE_RECORDING = undefined;
  USAGE_RETENTION_DAYS = undefined;
  USAGE_BATCH_SIZE = undefined;
  USAGE_FLUSH_INTERVAL_MS = undefined;
  USAGE_MAX_QUEUE = undefined;
  METRICS_TOKEN = undefined;
  METRICS_SCAN_REFRESH_SECONDS = undefined;
  USAGE_SPOOL_DIR = undefined;
  USAGE_ANONYMOUS_AGENTS = undefined;
}
