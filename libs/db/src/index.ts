export * from './database-options';
export { parseDatabaseUrl, redactDatabaseUrl, DEFAULT_DATABASE_URL } from './database-url';
export type { DatabaseTarget } from './database-url';
export { DbModule } from './db.module';
export type { DbModuleAsyncOptions } from './db.module';
export { PrismaService } from './prisma.service';
export type { DatabaseHealth } from './prisma.service';
export { Prisma } from './generated/prisma/client';
export type { User, Session, ApiToken, UsageEvent, UsageRollup, ScanRun, ScanFinding, Project, Issue } from './generated/prisma/client';
