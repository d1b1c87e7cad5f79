import { Injectable } from '@nestjs/common';
import { PasswordHasher, SessionService } from '@tokenshift/auth-session';
import { InvalidationBus, PrismaService } from '@tokenshift/db';
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

/** User administration: create, verify email, (de)activate. */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly bus: InvalidationBus,
  ) {}

  async create(input: CreateUserInput) {
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

  async idOf(username: string): Promise<string> {
    const user = await this.prisma.user.findUnique({ where: { name: username }, select: { id: true } });
    if (!user) throw new JiraHttpException(404, `The user '${username}' does not exist.`);
    return user.id;
  }

  async verifyEmail(username: string): Promise<void> {
    await this.prisma.user.update({ where: { id: await this.idOf(username) }, data: { emailVerified: true } });
  }

  /** Deactivates a user and ends their sessions; their tokens stop working at once, on every instance. */
  async setActive(username: string, active: boolean): Promise<void> {
    const id = await this.idOf(username);
    await this.bus.commit(this.prisma.user.update({ where: { id }, data: { active } }), [`user:${id}`]);
    if (!active) await this.sessions.destroyAllForUser(id);
  }
}
