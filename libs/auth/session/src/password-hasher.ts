import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's first recommended setting (m = 19 MiB, t = 2, p = 1): memory-hard, so
 * a stolen hash costs an attacker far more than a fast hash would. `verify` compares in
 * constant time.
 */
export const PASSWORD_HASH_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, PASSWORD_HASH_OPTIONS);
  }

  /**
   * Checks a password against a stored hash. With no hash (unknown user, token-only user) it
   * still verifies against a dummy hash, so the answer takes as long as for a real user and
   * timing does not reveal which accounts exist.
   */
  async verify(storedHash: string | null | undefined, password: string): Promise<boolean> {
    if (!storedHash) {
      this.dummyHash ??= this.hash('tokenshift-timing-equaliser');
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(storedHash, password).catch(() => false);
  }
}
