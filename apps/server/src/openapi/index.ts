export { setUpOpenApi } from './setup-openapi';
export type { OpenApiOptions } from './setup-openapi';
