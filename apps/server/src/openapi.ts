import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs and the OpenAPI document at /docs/json. */
export function setUpOpenApi(app: NestFastifyApplication, cookieName: string): void {
  const config = new DocumentBuilder()
    .setTitle('tokenshift')
    .setDescription(
      "Jira-compatible REST API served with both Jira's deprecated cookie session and API tokens. " +
        'Use Basic auth with your email and an API token, or a Bearer token; the session resource is deprecated.',
    )
    .setVersion('1')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'email : API token' })
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'tsk_…', description: 'API token (also served at /latest/ paths)' })
    .addCookieAuth(cookieName, { type: 'apiKey', in: 'cookie', name: cookieName, description: 'Deprecated session cookie' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Each resource is also served under `latest`; documenting both would repeat every operationId.
  for (const path of Object.keys(document.paths)) if (path.includes('/latest/')) delete document.paths[path];
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', yamlDocumentUrl: 'docs/yaml' });
}
