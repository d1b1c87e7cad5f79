// `npm run cli -- <command>`: administration from a shell, on the database DATABASE_URL names.
import { ConsoleLogger, Logger, ParseUUIDPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { LoginService } from '@tokenshift/auth-session';
import { Command, CommanderError } from 'commander';
import { AppModule } from './app.module';
import { curlLine, userPath } from './cli/admin-api';
import { CLI_ERRORS, CliError, toCliError } from './cli/cli-errors';
import { packageVersion } from './cli/package-version';
import { buildAppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';
import { validateInput } from './errors/validate-input';
import { CreateTokenBody, expiryOf } from './tokens/token.dto';
import { CreateUserBody, RenameUserBody } from './users/user.dto';
import { UsersService } from './users/users.service';

/** Nest's logger, less the start-up failure it logs with a stack trace: the CLI reports that itself, in one line. */
class CliLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (rest.at(-1) === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}

type AppContext = Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

/**
 * Runs a command on the database. `adminApi` is the curl line that does the same through a running
 * server: the way to go when that server holds the embedded database.
 */
async function withApp<T>(
  adminApi: ((baseUrl: string) => string) | null,
  work: (app: AppContext) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const loaded = buildAppConfig(process.env);
  const config = { ...loaded, database: { ...loaded.database, migrate: options.migrate ?? true } };
  try {
    const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: new CliLogger({ logLevels: ['error', 'warn'] }), abortOnError: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } catch (error) {
    throw toCliError(error, { adminApiAlternative: adminApi?.(config.server.baseUrl), databaseUrl: process.env.DATABASE_URL });
  }
}

/** Refuses input the API would refuse, with the API's own messages, before the database is opened. */
async function checkInput<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    throw toCliError(error);
  }
}

/** A number as typed on the command line; anything else is NaN, which the DTO refuses like a non-number. */
function decimal(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
}

function unknownUser(username: string): CliError {
  return new CliError('unknown-user', `The user '${username}' does not exist.`);
}

const program = new Command('tokenshift')
  .description('tokenshift administration')
  .version(packageVersion(), '-V, --version', 'print the tokenshift version')
  // Usage mistakes (unknown option, missing argument) read and exit like every other invalid input.
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`${new CliError('invalid-input', text.replace(/^error: /, '').trim()).line}\n`) });

program
  .command('seed')
  .description('seed the demo users and Jira data, and print a new demo API token')
  .action(() =>
    withApp(null, async (app) => {
      const demo = await app.get(DemoSeedService).seed({ mintToken: true });
      process.stdout.write(`Demo user ${demo.username} / ${demo.password}; demo token ${demo.apiToken}\n`);
    }),
  );

const users = program.command('users').description('manage users');
users
  .command('unlock <username>')
  .description('lift a CAPTCHA lock-out after too many failed logins')
  .action((username: string) =>
    withApp(
      (baseUrl) => curlLine(baseUrl, 'DELETE', userPath(username, 'lockout'), { token: 'ADMIN_TOKEN' }),
      async (app) => {
        if (!(await app.get(LoginService).resetLockout(username))) throw unknownUser(username);
        process.stdout.write(`Lock-out cleared for ${username}\n`);
      },
    ),
  );

users
  .command('create <username>')
  .description('create a user (password, if any, from the TOKENSHIFT_PASSWORD environment variable)')
  .requiredOption('--email <email>', 'email address (the login for Basic auth with tokens)')
  .option('--display-name <name>', 'display name (default: the username)')
  .option('--admin', 'make the user an administrator', false)
  .option('--verified', 'mark the email as verified', false)
  .action(async (username: string, options: { email: string; displayName?: string; admin: boolean; verified: boolean }) => {
    const password = process.env.TOKENSHIFT_PASSWORD || undefined; // from the environment, never from argv (shell history)
    const fields = { name: username, email: options.email, displayName: options.displayName ?? username, isAdmin: options.admin, emailVerified: options.verified };
    const body = await checkInput(() => validateInput(CreateUserBody, { ...fields, password }));
    await withApp(
      (baseUrl) => curlLine(baseUrl, 'POST', 'users', { token: 'ADMIN_TOKEN', body: fields }),
      async (app) => {
        const user = await app.get(UsersService).create(body);
        process.stdout.write(`Created ${user.name} <${user.email}>${password ? ' with a password' : ' (token-only)'}\n`);
      },
    );
  });
users
  .command('rename <username> <new-name>')
  .description("rename a user (names are case-insensitive and may not be another user's email); runs before pending migrations, so it can resolve the collisions that hold one back")
  .action(async (username: string, newName: string) => {
    const body = await checkInput(() => validateInput(RenameUserBody, { name: newName }));
    await withApp(
      (baseUrl) => curlLine(baseUrl, 'POST', userPath(username, 'rename'), { token: 'ADMIN_TOKEN', body }),
      async (app) => {
        const renamed = await app.get(UsersService).rename(username, body.name);
        process.stdout.write(`Renamed ${renamed.previousName} to ${renamed.name}\n`);
      },
      { migrate: false },
    );
  });
users
  .command('verify <username>')
  .description("mark a user's email as verified")
  .action((username: string) =>
    withApp(
      (baseUrl) => curlLine(baseUrl, 'POST', userPath(username, 'verify-email'), { token: 'ADMIN_TOKEN' }),
      async (app) => {
        await app.get(UsersService).verifyEmail(username);
        process.stdout.write(`Email verified for ${username}\n`);
      },
    ),
  );
users
  .command('deactivate <username>')
  .description('deactivate a user: ends their sessions and revokes their API tokens for good')
  .action((username: string) =>
    withApp(
      (baseUrl) => curlLine(baseUrl, 'POST', userPath(username, 'deactivate'), { token: 'ADMIN_TOKEN' }),
      async (app) => {
        await app.get(UsersService).setActive(username, false);
        process.stdout.write(`Deactivated ${username}\n`);
      },
    ),
  );
users
  .command('activate <username>')
  .description('activate a deactivated user again: they can sign in; their old API tokens stay revoked')
  .action((username: string) =>
    withApp(
      (baseUrl) => curlLine(baseUrl, 'POST', userPath(username, 'activate'), { token: 'ADMIN_TOKEN' }),
      async (app) => {
        await app.get(UsersService).setActive(username, true);
        process.stdout.write(`Activated ${username}\n`);
      },
    ),
  );

const tokens = program.command('tokens').description("manage API tokens (through the API, a user manages only their own)");
tokens
  .command('create')
  .description('create an API token and print it (shown once)')
  .requiredOption('--user <username>', 'owner')
  .requiredOption('--name <name>', 'what the token is for')
  .option('--expires-in-days <days>', 'expiry in days, 1-3650 (default: never)')
  .option('--expires-at <time>', 'expiry as an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z')
  .option('--scopes <list>', 'comma-separated: read,write,admin', 'read,write')
  .action(async (options: { user: string; name: string; expiresInDays?: string; expiresAt?: string; scopes: string }) => {
    const request = {
      name: options.name,
      expiresInDays: decimal(options.expiresInDays),
      expiresAt: options.expiresAt,
      scopes: options.scopes.split(',').map((scope) => scope.trim()),
    };
    const body = await checkInput(() => validateInput(CreateTokenBody, request));
    const expiresAt = await checkInput(() => expiryOf(body));
    await withApp(
      (baseUrl) => `as ${options.user}: ${curlLine(baseUrl, 'POST', 'tokens', { token: 'USER_TOKEN', body: request })}`,
      async (app) => {
        const userId = await app.get(UsersService).idOf(options.user);
        const created = await app.get(ApiTokenService).create({ userId, name: body.name, scopes: body.scopes ?? ['read', 'write'], expiresAt });
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(`Token '${created.name}' (${created.preview}) for ${options.user}; store it now, it is not shown again.\n`);
      },
    );
  });
tokens
  .command('list')
  .description("list a user's API tokens")
  .requiredOption('--user <username>', 'owner')
  .action((options: { user: string }) =>
    withApp(
      (baseUrl) => `as ${options.user}: ${curlLine(baseUrl, 'GET', 'tokens', { token: 'USER_TOKEN' })}`,
      async (app) => {
        const rows = await app.get(ApiTokenService).list(await app.get(UsersService).idOf(options.user));
        for (const t of rows) {
          const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
          process.stdout.write(`${t.id}  ${t.preview}  ${t.name}  ${t.scopes.join(',')}  ${state}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}\n`);
        }
      },
    ),
  );
tokens
  .command('revoke <tokenId>')
  .description('revoke an API token: it stops working at once')
  .requiredOption('--user <username>', 'owner')
  .action(async (tokenId: string, options: { user: string }) => {
    // The API's own check of a token id in a path.
    await new ParseUUIDPipe().transform(tokenId, { type: 'param' }).catch((error: unknown) => {
      throw new CliError('bad-id', toCliError(error).message);
    });
    await withApp(
      (baseUrl) => `as ${options.user}: ${curlLine(baseUrl, 'DELETE', `tokens/${tokenId}`, { token: 'USER_TOKEN' })}`,
      async (app) => {
        const revoked = await app.get(ApiTokenService).revoke(await app.get(UsersService).idOf(options.user), tokenId);
        if (!revoked) throw new CliError('unknown-token', `No such active token for ${options.user}.`);
        process.stdout.write(`Revoked ${tokenId}\n`);
      },
    );
  });

program.parseAsync().catch((error: unknown) => {
  Logger.flush();
  if (error instanceof CommanderError) {
    // --help and --version end here too, with code 0; commander has already printed its message.
    process.exit(error.exitCode === 0 ? 0 : CLI_ERRORS['invalid-input'].exitCode);
  }
  const failure = toCliError(error);
  process.stderr.write(`${failure.line}\n`);
  process.exit(failure.exitCode);
});
