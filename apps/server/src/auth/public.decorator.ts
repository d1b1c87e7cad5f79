import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiAnonymousAllowed } from '../openapi/api-docs.decorators';

export const PUBLIC_ROUTE = 'tokenshift:public';

export interface PublicRouteOptions {
  /** Ignore credentials entirely (the login resource: a client re-logging in still sends its dead cookie). */
  skipAuthentication?: boolean;
}

/**
 * Opts a route out of the global guard: credentials are optional and bad ones make the caller anonymous.
 * The OpenAPI document says so (security lists "none" beside the schemes).
 */
export const Public = (options: PublicRouteOptions = {}) =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, options), ApiAnonymousAllowed(options.skipAuthentication ? [] : undefined));
