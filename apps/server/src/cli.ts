// `npm run cli -- <command>`: administration from a shell, on the database DATABASE_URL names.
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LoginService } from '@tokenshift/auth-session';
import { Command } from 'commander';
import { AppModule } from './app.module';
import { buildAppConfig } from './config/app-config';
import { DemoSeedService } from './demo/demo-seed.service';

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
      const demo = await app.get(DemoSeedService).seed();
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

program.parseAsync().catch((error: unknown) => {
  Logger.flush();
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
