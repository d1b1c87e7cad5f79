// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (PostgreSQL or a PGlite folder),
// through the same PrismaService.migrate() the server runs on start.
import { parseDatabaseUrl } from '../database-url';
import { PrismaService } from '../prisma.service';

async function main(): Promise<void> {
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  if (target.kind === 'pglite' && !target.dataDir) throw new Error('pglite:memory has nothing to migrate');
  const prisma = new PrismaService({ url: process.env.DATABASE_URL, migrate: false });
  try {
    const applied = await prisma.migrate();
    console.log(applied.length ? `Applied to ${prisma.describe()}: ${applied.join(', ')}` : `${prisma.describe()} is up to date`);
  } finally {
    await prisma.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
