import { Injectable, Logger } from '@nestjs/common';
import { ApiTokenService } from '@tokenshift/auth-api-token';
import { PasswordHasher } from '@tokenshift/auth-session';
import { PrismaService } from '@tokenshift/db';
import { DEMO_ISSUES, DEMO_PASSWORD, DEMO_PROJECT, DEMO_RESOLUTIONS, DEMO_TOKEN_NAME, DEMO_USERS } from './demo-data';

export interface DemoCredentials {
  username: string;
  email: string;
  password: string;
  /** Null when it was not minted (it had nowhere safe to go). */
  apiToken: string | null;
}

/** Seeds the demo users and Jira data (idempotent) and mints a fresh demo API token when asked. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: ApiTokenService,
  ) {}

  async seed({ mintToken }: { mintToken: boolean }): Promise<DemoCredentials> {
    const users = new DemoUserIds();
    for (const user of DEMO_USERS) {
      const existing = await this.prisma.user.findUnique({ where: { name: user.name }, select: { id: true } });
      const row =
        existing ??
        (await this.prisma.user.create({
          data: { ...user, passwordHash: await this.passwords.hash(DEMO_PASSWORD) },
          select: { id: true },
        }));
      users.set(user.name, row.id);
    }
    await this.seedIssues(users);

    // Tokens are stored only as hashes, so the demo token is a new one on each start; the last
    // start's is revoked even when none is minted, so no earlier copy of it keeps working.
    const demoUserId = users.idOf('demo');
    await this.tokens.revokeByName(demoUserId, DEMO_TOKEN_NAME);
    const apiToken = mintToken
      ? (await this.tokens.create({ userId: demoUserId, name: DEMO_TOKEN_NAME, scopes: ['read', 'write', 'admin'] })).token
      : null;
    this.logger.log('Demo data ready');
    return { username: 'demo', email: 'demo@example.com', password: DEMO_PASSWORD, apiToken };
  }

  private async seedIssues(users: DemoUserIds): Promise<void> {
    if (await this.prisma.project.findUnique({ where: { key: DEMO_PROJECT.key } })) return;
    await this.prisma.$transaction(async (tx) => {
      const project = await tx.project.create({ data: { ...DEMO_PROJECT, leadId: users.idOf('demo'), issueCounter: DEMO_ISSUES.length } });
      const now = new Date();
      await tx.issue.createMany({
        data: DEMO_ISSUES.map((issue, index) => ({
          key: `${DEMO_PROJECT.key}-${index + 1}`,
          projectId: project.id,
          summary: issue.summary,
          issueType: issue.issueType,
          status: issue.status,
          resolution: DEMO_RESOLUTIONS[issue.status] ?? null,
          resolutionDate: DEMO_RESOLUTIONS[issue.status] ? now : null,
          reporterId: users.idOf('demo'),
          assigneeId: issue.assignee ? users.idOf(issue.assignee) : null,
        })),
      });
    });
  }
}

class DemoUserIds extends Map<string, string> {
  idOf(name: string): string {
    const id = this.get(name);
    if (!id) throw new Error(`Demo user ${name} was not seeded`);
    return id;
  }
}
