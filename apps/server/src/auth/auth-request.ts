import type {} from '@fastify/cookie';
import type { Principal } from '@tokenshift/shared';
import type {} from 'fastify';

/**
 * The one request type: what the guards and hooks add to a Fastify request, declared once by
 * declaration merging instead of a `{ user?: Principal }` cast at each reader.
 */
declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, set by the authentication guard; undefined for anonymous requests. */
    user?: Principal;
  }
}
