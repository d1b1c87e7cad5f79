// `npm run cli -- <command>`: administration from a shell, on the database DATABASE_URL names.
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { LoginService } from '@tokenshift/auth-session';
import { TokenScope } from '@tokenshift/shared';
import { Command } from 'commander';
import { AppModule } from './app.module';
import { buildAppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';
import { UsersService } from './users/users.service';

async function withApp<T>(work: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const config = buildAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const program = new Command('tokenshift').description('tokenshift administration');

program
  .command('seed')
  .description('seed the demo users and Jira data, and print a new demo API token')
  .action(() =>
    withApp(async (app) => {
      const demo = await app.get(DemoSeedService).seed({ mintToken: true });
      process.stdout.write(`Demo user ${demo.username} / ${demo.password}; demo token ${demo.apiToken}\n`);
    }),
  );

const users = program.command('users').description('manage users');
users
  .command('unlock <username>')
  .description('lift a CAPTCHA lock-out after too many failed logins')
  .action((username: string) =>
    withApp(async (app) => {
      if (!(await app.get(LoginService).resetLockout(username))) {
        process.stderr.write(`No user '${username}'\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`Lock-out cleared for ${username}\n`);
    }),
  );

users
  .command('create <username>')
  .description('create a user')
  .requiredOption('--email <email>', 'email address (the login for Basic auth with tokens)')
  .option('--display-name <name>', 'display name (default: the username)')
  .option('--admin', 'make the user an administrator', false)
  .option('--verified', 'mark the email as verified', false)
  .action((username: string, options: { email: string; displayName?: string; admin: boolean; verified: boolean }) =>
    withApp(async (app) => {
      const password = process.env.TOKENSHIFT_PASSWORD; // from the environment, never from argv (shell history)
      const user = await app.get(UsersService).create({
        name: username,
        email: options.email,
        displayName: options.displayName ?? username,
        isAdmin: options.admin,
        emailVerified: options.verified,
        password,
      });
      process.stdout.write(`Created ${user.name} <${user.email}>${password ? ' with a password' : ' (token-only)'}\n`);
    }),
  );
users
  .command('verify <username>')
  .description("mark a user's email as verified")
  .action((username: string) => withApp(async (app) => app.get(UsersService).verifyEmail(username)));
users
  .command('deactivate <username>')
  .description('deactivate a user: ends their sessions, their tokens stop working')
  .action((username: string) => withApp(async (app) => app.get(UsersService).setActive(username, false)));

const tokens = program.command('tokens').description('manage API tokens');
tokens
  .command('create')
  .description('create an API token and print it (shown once)')
  .requiredOption('--user <username>', 'owner')
  .requiredOption('--name <name>', 'what the token is for')
  .option('--expires-in-days <days>', 'expiry in days (default: never)', (value) => Number.parseInt(value, 10))
  .option('--scopes <list>', 'comma-separated: read,write,admin', 'read,write')
  .action((options: { user: string; name: string; expiresInDays?: number; scopes: string }) =>
    withApp(async (app) => {
      const scopes = options.scopes.split(',').map((scope) => scope.trim()) as TokenScope[];
      if (scopes.some((scope) => !['read', 'write', 'admin'].includes(scope))) throw new Error('scopes must be read, write or admin');
      const userId = await app.get(UsersService).idOf(options.user);
      const expiresAt = options.expiresInDays ? new Date(Date.now() + options.expiresInDays * 86_400_000) : null;
      const created = await app.get(ApiTokenService).create({ userId, name: options.name, scopes, expiresAt });
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`Token '${created.name}' (${created.preview}) for ${options.user}; store it now, it is not shown again.\n`);
    }),
  );
tokens
  .command('list')
  .requiredOption('--user <username>', 'owner')
  .action((options: { user: string }) =>
    withApp(async (app) => {
      const rows = await app.get(ApiTokenService).list(await app.get(UsersService).idOf(options.user));
      for (const t of rows) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
        process.stdout.write(`${t.id}  ${t.preview}  ${t.name}  ${t.scopes.join(',')}  ${state}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}\n`);
      }
    }),
  );
tokens
  .command('revoke <tokenId>')
  .requiredOption('--user <username>', 'owner')
  .action((tokenId: string, options: { user: string }) =>
    withApp(async (app) => {
      const revoked = await app.get(ApiTokenService).revoke(await app.get(UsersService).idOf(options.user), tokenId);
      if (!revoked) throw new Error('No such active token');
      process.stdout.write(`Revoked ${tokenId}\n`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  Logger.flush();
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
