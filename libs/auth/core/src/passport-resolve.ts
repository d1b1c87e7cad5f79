import passport from 'passport';
import type { Principal } from './principal';

/**
 * What a resolver hands its Passport strategy: the credential it already parsed, so the header or
 * cookie is read once per request (the strategies read `credential`, not the raw request).
 */
export interface CredentialEnvelope<Credential> {
  credential: Credential;
}

/**
 * Runs the named Passport strategy (registered by `@nestjs/passport`'s `PassportStrategy`) on a
 * parsed credential: the principal on success, null on failure; errors (database down) reject.
 * Plain Passport with a callback, so it needs no Nest execution context and runs in any hook.
 */
export async function resolveWithPassport<Credential>(strategy: string, credential: Credential): Promise<Principal | null> {
  return (await resolveWithPassportInfo(strategy, credential)).principal;
}

/**
 * `resolveWithPassport`, with the info a refusing verify callback passed along (a strategy's `validate`
 * returning `[false, info]`), e.g. why a login was denied.
 */
export function resolveWithPassportInfo<Credential>(strategy: string, credential: Credential): Promise<{ principal: Principal | null; info: unknown }> {
  return new Promise((resolve, reject) => {
    const envelope: CredentialEnvelope<Credential> = { credential };
    const middleware = passport.authenticate(strategy, { session: false }, (error: unknown, user: Principal | false | undefined, info: unknown) =>
      error ? reject(error) : resolve({ principal: user || null, info }),
    ) as (request: unknown, response: unknown, next: (error?: unknown) => void) => void;
    middleware(envelope, {}, reject);
  });
}

/** The credential in what Passport hands a strategy's `authenticate` (typed by Passport as an HTTP request). */
export function credentialOf<Credential>(request: object): Credential | undefined {
  return (request as Partial<CredentialEnvelope<Credential>>).credential;
}
