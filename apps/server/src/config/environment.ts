import { plainToInstance } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, validateSync } from 'class-validator';

/** Every environment variable the server reads, validated once at start-up (README lists them). */
export class Environment {
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) BASE_URL?: string;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE?: number;
  @IsOptional() @IsBooleanString() DEMO_DATA?: string;
  @IsOptional() @IsIn(['json', 'text']) LOG_FORMAT?: 'json' | 'text';
  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  @IsOptional() @IsIn(['JSESSIONID', 'cloud.session.token']) SESSION_COOKIE_NAME?: 'JSESSIONID' | 'cloud.session.token';
  @IsOptional() @IsIn(['auto', 'always', 'never']) SESSION_COOKIE_SECURE?: 'auto' | 'always' | 'never';
  @IsOptional() @IsInt() @Min(1) SESSION_IDLE_TIMEOUT_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) SESSION_MAX_LIFETIME_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) MAX_FAILED_LOGINS?: number;
  @IsOptional() @IsBooleanString() ALLOW_PASSWORD_BASIC?: string;
  @IsOptional() @IsString() AUTH_REALM?: string;
  @IsOptional() @IsBooleanString() ANONYMOUS_ISSUE_ACCESS?: string;
  @IsOptional() @IsString() TRUST_PROXY?: string;
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
  DEMO_DATA = undefined;
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
  TRUST_PROXY = undefined;
}
