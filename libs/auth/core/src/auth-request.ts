import type {} from '@fastify/cookie';
import type {} from 'fastify';
import type { CredentialDenial } from './credential-resolver';
import type { Principal } from './principal';

/**
 * The one request type: what authentication adds to a Fastify request, declared once by declaration
 * merging instead of a `{ user?: Principal }` cast at each reader.
 */
declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, set by the authentication guard; undefined for anonymous requests. */
    user?: Principal;
    /** Set when the credentials were refused without a check (a locked account). */
    authDenial?: CredentialDenial;
  }
}
