import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, buildAppConfig } from './config/app-config';
import { InvalidEnvironmentError } from './config/environment';
import { DemoCredentials, DemoSeedService } from './demo/demo-seed.service';

function banner(config: AppConfig, demo: DemoCredentials | null): string {
  const url = config.server.baseUrl;
  const lines = [
    '',
    `tokenshift is running at ${url}`,
    `  Health:        ${url}/health`,
    `  Server info:   ${url}/rest/api/2/serverInfo`,
    `  API docs:      ${url}/docs`,
    `  Dashboard:     ${url}/dashboard/`,
    `  Metrics:       ${url}/metrics`,
  ];
  if (demo) {
    lines.push(
      `  Demo user:     ${demo.username} / ${demo.password}  (email ${demo.email})`,
      `  Demo token:    ${demo.apiToken}   (new at every start; shown once)`,
      `  Try:           curl -u ${demo.email}:${demo.apiToken} ${url}/rest/api/2/myself`,
    );
  }
  lines.push('  Stop with Ctrl+C.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = buildAppConfig(process.env);
  const app = await createApp(config);
  const demo = config.demo.enabled ? await app.get(DemoSeedService).seed() : null;
  await app.listen({ host: config.server.host, port: config.server.port });
  // The banner goes to stdout, not the log: the demo token must never reach log storage.
  process.stdout.write(banner(config, demo));
}

main().catch((error: unknown) => {
  // Logs are buffered until the app is up, so a start-up failure is written directly.
  Logger.flush();
  const message = error instanceof InvalidEnvironmentError ? error.message : `tokenshift failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
