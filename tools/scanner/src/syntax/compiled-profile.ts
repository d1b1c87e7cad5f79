import type { SyntaxProfile } from './profiles';

type SetsOf<T> = { [K in keyof T]: T[K] extends string[] ? ReadonlySet<string> : T[K] };

/** A profile with its node-type lists turned into sets for O(1) lookups in the hot loops. */
export type CompiledProfile = SetsOf<SyntaxProfile>;

const cache = new WeakMap<SyntaxProfile, CompiledProfile>();

export function compileProfile(profile: SyntaxProfile): CompiledProfile {
  let compiled = cache.get(profile);
  if (!compiled) {
    compiled = Object.fromEntries(
      Object.entries(profile).map(([key, value]) => [key, Array.isArray(value) ? new Set(value) : value]),
    ) as CompiledProfile;
    cache.set(profile, compiled);
  }
  return compiled;
}
