import { Injectable } from '@nestjs/common';
import { PasswordHasher, SessionService } from '@tokenshift/auth-session';
import { InvalidationBus, Prisma, PrismaService } from '@tokenshift/db';
import { namespaceConflict } from './login-namespace';
import { JiraHttpException } from '@tokenshift/shared/nest';

export interface CreateUserInput {
  name: string;
  email: string;
  displayName: string;
  password?: string;
  isAdmin?: boolean;
  emailVerified?: boolean;
}

export const PUBLIC_USER_FIELDS = {
  id: true,
  name: true,
  email: true,
  displayName: true,
  active: true,
  emailVerified: true,
  isAdmin: true,
  createdAt: true,
} as const;

/** User administration: create, rename, verify email, (de)activate. */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly bus: InvalidationBus,
  ) {}

  /**
   * Creates a user; 409 when the name or email is another user's login (the database refuses it too,
   * should two writes race: see the one-login-namespace migration).
   */
  async create(input: CreateUserInput) {
    await this.refuseConflicts(input.name, input.email.toLowerCase());
    return this.prisma.user.create({
      data: {
        name: input.name,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        isAdmin: input.isAdmin ?? false,
        emailVerified: input.emailVerified ?? false,
        passwordHash: input.password ? await this.passwords.hash(input.password) : null,
      },
      select: PUBLIC_USER_FIELDS,
    });
  }

  /** The id of the user with this username (case-insensitive, as every login name is). */
  async idOf(username: string): Promise<string> {
    return (await this.byName(username)).id;
  }

  /**
   * Renames a user; 409 when the new name is another user's login. Works on a database that has not
   * had the one-login-namespace migration yet, so the collisions that hold it back can be resolved.
   * Cached credentials carry the name, so every instance drops the user's rows.
   */
  async rename(username: string, newName: string): Promise<{ name: string; previousName: string }> {
    const user = await this.byName(username);
    await this.refuseConflicts(newName, null, user.id);
    // Raw SQL, naming only the columns it writes: the model may already have columns that migrations
    // still held back would add (the CLI renames before migrating).
    await this.bus.commit(
      this.prisma.$executeRaw`UPDATE "User" SET name = ${newName}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE id::text = ${user.id}`,
      [`user:${user.id}`],
    );
    return { name: newName, previousName: user.name };
  }

  async verifyEmail(username: string): Promise<void> {
    await this.prisma.user.update({ where: { id: await this.idOf(username) }, data: { emailVerified: true } });
  }

  /**
   * Deactivation ends the user's sessions and revokes their tokens for good, in one transaction and
   * on every instance at once (as GitHub does): reactivation starts clean, with new sign-ins and new
   * tokens only.
   */
  async setActive(username: string, active: boolean, now = new Date()): Promise<void> {
    const id = await this.idOf(username);
    const writes: Prisma.PrismaPromise<unknown>[] = [this.prisma.user.update({ where: { id }, data: { active } })];
    if (!active) {
      writes.push(
        this.prisma.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } }),
        this.prisma.session.deleteMany({ where: { userId: id } }),
      );
    }
    await this.bus.commitAll(writes, [`user:${id}`]);
  }

  private async byName(username: string): Promise<{ id: string; name: string }> {
    // Bounded: at most two rows can match (the namespace migration makes it one, once applied).
    const [user, other] = await this.prisma.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT id::text AS id, name FROM "User" WHERE lower(name) = lower(${username}) ORDER BY (name = ${username}) DESC LIMIT 2`;
    if (!user) throw new JiraHttpException(404, `The user '${username}' does not exist.`);
    // Only before the namespace migration: `demo` and `DEMO` both exist, and neither is the name given.
    if (other && user.name !== username) throw new JiraHttpException(409, `The username '${username}' matches several users; give it in their exact case.`);
    return user;
  }

  private async refuseConflicts(name: string, email: string | null, exceptUserId?: string): Promise<void> {
    const logins = email ? [name.toLowerCase(), email.toLowerCase()] : [name.toLowerCase()];
    const claimants = await this.prisma.$queryRaw<Array<{ name: string; email: string }>>`
      SELECT name, email FROM "User"
      WHERE (lower(name) = ANY(${logins}::text[]) OR lower(email) = ANY(${logins}::text[])) AND id::text <> ${exceptUserId ?? ''}
      LIMIT 4`;
    const conflict = namespaceConflict({ name, email }, claimants);
    if (conflict) throw new JiraHttpException(409, conflict);
  }
}
