import { Injectable } from '@nestjs/common';
import { AUTH_MODE_PRECEDENCE, CredentialRequest, CredentialResolver } from './credential-resolver';
import type { Principal } from './principal';

/**
 * The registered resolvers, in precedence order, and the one procedure that turns a request's
 * credentials into a principal. Each mode's strategy registers itself here when it is built, as it
 * registers with Passport: the guard and any Fastify hook (the gateway's) then use the same chain.
 */
@Injectable()
export class CredentialResolvers {
  private resolvers: CredentialResolver[] = [];

  register(resolver: CredentialResolver): void {
    if (this.resolvers.some((registered) => registered.mode === resolver.mode)) throw new Error(`Two credential resolvers for ${resolver.mode}`);
    this.resolvers = [...this.resolvers, resolver].sort((a, b) => AUTH_MODE_PRECEDENCE.indexOf(a.mode) - AUTH_MODE_PRECEDENCE.indexOf(b.mode));
  }

  get modes(): string[] {
    return this.resolvers.map((resolver) => resolver.mode);
  }

  /**
   * The principal of the first mode that accepts the request's credentials, or null. A mode the
   * request carries no credential for is skipped, and a refusal moves on to the next mode, as in
   * Passport's chain; an infrastructure error (database down) rejects. Answered without a promise
   * while every credential tried is settled from the cache: that is most authenticated requests.
   */
  authenticate(request: CredentialRequest, now = new Date()): Principal | null | Promise<Principal | null> {
    return this.from(0, request, now);
  }

  private from(index: number, request: CredentialRequest, now: Date): Principal | null | Promise<Principal | null> {
    for (let i = index; i < this.resolvers.length; i++) {
      const resolver = this.resolvers[i];
      const credential = resolver?.extract(request);
      if (!resolver || credential === undefined) continue;
      const cached = resolver.resolveCached(credential, now);
      if (cached) return cached;
      if (cached === undefined) return resolver.resolve(credential).then((principal) => principal ?? this.refused(resolver, credential, i, request, now));
    }
    return null;
  }

  private refused<Credential>(resolver: CredentialResolver<Credential>, credential: Credential, index: number, request: CredentialRequest, now: Date) {
    const denial = resolver.denialOf?.(credential);
    if (denial) request.authDenial = denial;
    return this.from(index + 1, request, now);
  }
}
