import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeprecationPolicy, SHUTDOWN_DRAIN_MS, UsageRecorder } from '@tokenshift/usage';
import closeWithGrace from 'close-with-grace';
import type { Logger as PinoLogger } from 'pino';
import { createApp } from './app.factory';
import { AppConfig, buildAppConfig } from './config/app-config';
import { InvalidEnvironmentError } from './config/settings';
import { DemoCredentials, DemoSeedService } from './demo/demo-seed.service';
import { writeDemoTokenFile } from './demo/demo-token-file';
import { GracefulShutdown } from './http/graceful-shutdown.service';
import { createLogger } from './logging/create-logger';
import { startupSummary } from './logging/startup-summary';
import { answerUsageDrainRequests } from './usage/usage-drain-channel';

function banner(config: AppConfig, demo: DemoCredentials | null): string {
  const url = config.server.baseUrl;
  // In gateway mode tokenshift's own pages are under the prefix, and every other path is the upstream's.
  const own = url + (config.gateway?.prefix ?? '');
  const lines = [
    '',
    config.gateway ? `tokenshift is running at ${url} as a gateway to ${config.gateway.upstreamUrl}` : `tokenshift is running at ${url}`,
    `  Health:        ${own}/health`,
    ...(config.gateway ? [] : [`  Server info:   ${url}/rest/api/2/serverInfo`]),
    `  API docs:      ${own}/docs`,
    `  Dashboard:     ${own}/dashboard/`,
    `  Metrics:       ${own}/metrics`,
  ];
  if (demo) lines.push(`  Demo user:     ${demo.username} / ${demo.password}  (email ${demo.email})`);
  if (demo?.apiToken) {
    lines.push(
      `  Demo token:    ${demo.apiToken}   (new at every start; shown once)`,
      `  Try:           curl -u ${demo.email}:${demo.apiToken} ${tryUrl(config)}`,
    );
    if (config.demo.tokenFile) lines.push(`  Token file:    ${config.demo.tokenFile}`);
  }
  lines.push('  Stop with Ctrl+C.', '');
  return lines.join('\n');
}

/** A URL the demo token opens: a demo Jira resource, or in gateway mode (where those are the upstream's) tokenshift's usage summary. */
function tryUrl(config: AppConfig): string {
  const gateway = config.gateway;
  return gateway ? `${config.server.baseUrl}${gateway.prefix}/rest/tokenshift/1/usage/summary` : `${config.server.baseUrl}/rest/api/2/myself`;
}

/**
 * The demo token is a working admin credential: it goes to a person at a terminal (the banner) or
 * to a 0600 file, never into the log, which is collected and kept. With neither it is not minted.
 */
async function seedDemo(config: AppConfig, demo: DemoSeedService, log: PinoLogger, onTerminal: boolean): Promise<DemoCredentials> {
  const { tokenFile } = config.demo;
  const credentials = await demo.seed({ mintToken: onTerminal || tokenFile !== null });
  const context = 'Demo';
  if (credentials.apiToken && tokenFile) {
    await writeDemoTokenFile(tokenFile, credentials.apiToken);
    const tryIt = `curl -u ${credentials.email}:$(cat ${tokenFile}) ${tryUrl(config)}`;
    log.info({ context, tokenFile }, `Demo token written to ${tokenFile} (mode 0600); try: ${tryIt}`);
  } else if (!credentials.apiToken) {
    log.info({ context }, 'No demo token minted: stdout is not a terminal and DEMO_TOKEN_FILE is not set');
  }
  return credentials;
}

/** After the grace period: cutting connections, writing queued usage (bounded by its own drain time), closing the database. */
const AFTER_GRACE_MS = SHUTDOWN_DRAIN_MS + 5_000;

/**
 * SIGTERM, SIGINT (and the other termination signals, or an uncaught error) stop the server through
 * GracefulShutdown. close-with-grace owns the signal handlers: a second signal exits at once, and a
 * shutdown that still has not finished AFTER_GRACE_MS past the grace period exits anyway (code 1).
 */
function stopOnSignal(app: NestFastifyApplication, config: AppConfig, log: PinoLogger): void {
  const context = 'Shutdown';
  const periods = { delayMs: config.server.shutdownDelayMs, graceMs: config.server.shutdownGraceMs };
  const shutdown = app.get(GracefulShutdown);
  closeWithGrace(
    {
      delay: periods.delayMs + periods.graceMs + AFTER_GRACE_MS,
      logger: { error: (error: unknown) => log.error({ context, err: error }, 'Shutdown failed') },
      onSecondSignal: (signal) => log.warn({ context, signal }, `${signal} received while shutting down: exiting now`),
      onTimeout: (delay) => log.error({ context }, `Shutdown not finished ${delay} ms after the signal: exiting now`),
    },
    async ({ signal, err }) => {
      if (err) log.error({ context, err }, 'Uncaught error: shutting down');
      await shutdown.shutDown(app, periods, signal ? `${signal} received` : err ? 'Uncaught error' : 'Shutting down');
    },
  );
}

async function main(): Promise<void> {
  const config = buildAppConfig(process.env);
  const log = createLogger({ level: config.server.logLevel, format: config.server.logFormat, sessionCookieName: config.auth.session.cookieName });
  const app = await createApp(config, { log });
  log.info(startupSummary(config, app.get(DeprecationPolicy)), 'Configuration');
  const onTerminal = process.stdout.isTTY === true;
  const demo = config.demo.enabled ? await seedDemo(config, app.get(DemoSeedService), log, onTerminal) : null;
  await app.listen({ host: config.server.host, port: config.server.port });
  stopOnSignal(app, config, log);
  answerUsageDrainRequests(app.get(UsageRecorder));
  if (onTerminal) process.stdout.write(banner(config, demo));
  else if (config.gateway) {
    const { prefix, upstreamUrl } = config.gateway;
    log.info({ context: 'Main', url: config.server.baseUrl, upstream: upstreamUrl }, `tokenshift is running at ${config.server.baseUrl} as a gateway to ${upstreamUrl} (its own pages under ${prefix}/)`);
  } else log.info({ context: 'Main', url: config.server.baseUrl }, `tokenshift is running at ${config.server.baseUrl} (API docs at /docs, dashboard at /dashboard/)`);
}

main().catch((error: unknown) => {
  // Logs are buffered until the app is up, so a start-up failure is written directly.
  Logger.flush();
  const message = error instanceof InvalidEnvironmentError ? error.message : `tokenshift failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
