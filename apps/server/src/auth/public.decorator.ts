import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'tokenshift:public';

export interface PublicRouteOptions {
  /** Ignore credentials entirely (the login resource: a client re-logging in still sends its dead cookie). */
  skipAuthentication?: boolean;
}

/** Opts a route out of the global guard: credentials are optional and bad ones make the caller anonymous. */
export const Public = (options: PublicRouteOptions = {}) => SetMetadata(PUBLIC_ROUTE, options);
