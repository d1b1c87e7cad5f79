import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DOCS_A11Y_SCRIPT, DOCS_THEME_CSS, serveDocsScript } from './docs-theme';
import { finishDocument } from './finish-document';
import { ErrorCollection } from './jira-schemas';

export interface OpenApiOptions {
  cookieName: string;
  baseUrl: string;
  /** When the deprecated session resource goes away (SUNSET_DATE): said on each deprecated operation. */
  sunset: Date;
}

/** Swagger UI at /docs and the OpenAPI document at /docs/json (and /docs/yaml). */
export function setUpOpenApi(app: NestFastifyApplication, options: OpenApiOptions): void {
  const config = new DocumentBuilder()
    .setTitle('tokenshift')
    .setDescription(
      "Jira-compatible REST API served with both Jira's deprecated cookie session and API tokens. " +
        'Use Basic auth with your email and an API token, or a Bearer token; the session resource is deprecated. ' +
        'Every `/rest/api/2/…` resource is also served at `/rest/api/latest/…`, and the session resource at `/rest/auth/latest/session`.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer(options.baseUrl)
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'Your email and an API token (`email:token`)' }, 'basic')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'tsk_…', description: 'An API token' }, 'bearer')
    .addCookieAuth(
      options.cookieName,
      {
        type: 'apiKey',
        in: 'cookie',
        name: options.cookieName,
        description: `Deprecated: the session cookie from \`POST /rest/auth/1/session\` (Jira Server/Data Center call it JSESSIONID, Jira Cloud cloud.session.token; this server sends ${options.cookieName})`,
      },
      'cookie',
    )
    // Credentials are required unless an operation says otherwise (@Public lists "none" as well).
    .addSecurityRequirements('basic')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('cookie')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorCollection],
    // A resource served at two paths gets `name[0]`, `name[1]`; the alias is folded into the first (finishDocument).
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey.replace(/\[\d+\]$/, '')}`,
  });
  finishDocument(document, { sunset: options.sunset });
  serveDocsScript(app, 'docs');
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
    customCss: DOCS_THEME_CSS,
    customJs: DOCS_A11Y_SCRIPT,
    // Deep links put a link inside each operation's toggle button (a control nested in a control, which
    // screen readers cannot reach): off, the path is plain text.
    swaggerOptions: { deepLinking: false },
  });
}
