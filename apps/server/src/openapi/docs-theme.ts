import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The docs page's theme: Swagger UI's defaults fail WCAG AA contrast (white on light method badges, light
 * links, the green version stamp). Inline CSS is allowed by the page's Content-Security-Policy (styles only).
 */
export const DOCS_THEME_CSS = `
.swagger-ui .opblock.opblock-get .opblock-summary .opblock-summary-method { background: #0b5cad; }
.swagger-ui .opblock.opblock-post .opblock-summary .opblock-summary-method { background: #1b6e3c; }
.swagger-ui .opblock.opblock-put .opblock-summary .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-delete .opblock-summary .opblock-summary-method { background: #b3261e; }
.swagger-ui .opblock.opblock-patch .opblock-summary .opblock-summary-method { background: #0f6464; }
.swagger-ui .opblock.opblock-head .opblock-summary .opblock-summary-method, .swagger-ui .opblock.opblock-options .opblock-summary .opblock-summary-method { background: #5b3a96; }
.swagger-ui .opblock.opblock-deprecated .opblock-summary .opblock-summary-method { background: #595959; }
.swagger-ui .opblock.opblock-deprecated { opacity: 1; }
.swagger-ui .opblock.opblock-deprecated .opblock-summary-path__deprecated, .swagger-ui .opblock-deprecated .opblock-summary-description { color: #3b4151; }
.swagger-ui .info .title small, .swagger-ui .info .title small.version-stamp { background: #3b4151; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui a, .swagger-ui .info a, .swagger-ui .info .link { color: #0b5cad; }
.swagger-ui .btn.authorize { color: #1b6e3c; border-color: #1b6e3c; }
.swagger-ui .btn.authorize svg { fill: #1b6e3c; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description, .swagger-ui .parameter__in, .swagger-ui .parameter__type { color: #3b4151; }
.swagger-ui .response-col_status .response-undocumented, .swagger-ui .response-control-media-type__accept-message { color: #1b6e3c; }
.swagger-ui .opblock-summary-operation-id, .swagger-ui .model-title, .swagger-ui .models-control { color: #3b4151; }
.swagger-ui .scheme-container .schemes-title, .swagger-ui .servers-title { color: #3b4151; }
`;

/**
 * What CSS cannot fix in Swagger UI's markup: its server picker has no accessible name. Served as a file
 * (the policy allows no inline script), beside Swagger UI's own init script, under both paths the page
 * may resolve `./docs/…` to (`/docs` and `/docs/`).
 */
const DOCS_A11Y_JS = `(function () {
  function name() {
    var servers = document.getElementById('servers');
    if (servers && !servers.getAttribute('aria-label')) servers.setAttribute('aria-label', 'Server');
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
  name();
})();
`;

export const DOCS_A11Y_SCRIPT = './docs/a11y.js';

export function serveDocsScript(app: NestFastifyApplication, docsPath: string): void {
  const adapter = app.getHttpAdapter();
  const send = (_request: unknown, reply: { header(name: string, value: string): { send(body: string): void } }) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').send(DOCS_A11Y_JS);
  adapter.get(`/${docsPath}/a11y.js`, send);
  adapter.get(`/${docsPath}/${docsPath}/a11y.js`, send);
}
