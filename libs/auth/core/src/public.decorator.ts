import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'tokenshift:public';

/** The security schemes the OpenAPI document declares (apps/server's setup-openapi.ts); an operation may use any one. */
export const SECURITY_SCHEMES = ['basic', 'bearer', 'cookie'] as const;

export interface PublicRouteOptions {
  /** Ignore credentials entirely (the login resource: a client re-logging in still sends its dead cookie). */
  skipAuthentication?: boolean;
}

/** In the OpenAPI document: no credentials (`{}`) is accepted, beside the given schemes. */
function ApiAnonymousAllowed(schemes: readonly string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiSecurity({}), ...schemes.map((scheme) => ApiSecurity(scheme)));
}

/**
 * Opts a route out of the global guard: credentials are optional and bad ones make the caller anonymous.
 * The OpenAPI document says so (security lists "none" beside the schemes).
 */
export const Public = (options: PublicRouteOptions = {}) =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, options), ApiAnonymousAllowed(options.skipAuthentication ? [] : SECURITY_SCHEMES));
