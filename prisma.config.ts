/**
 * Prisma CLI configuration. The CLI runs on the JavaScript schema engine through a driver
 * adapter, because the native engines cannot be downloaded on our machines
 * (see ../shared/PRISMA-OFFLINE.md and docs/decisions.md).
 *
 * The CLI is only used to generate the client and to author migrations (`npm run db:diff`).
 * Applying migrations is done by libs/db's migrator, in-process, for both databases.
 */
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, QueryResult } from 'pg';

const POSTGRES_NAME_OID = 19;
const POSTGRES_CHAR_OID = 18;

const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : (process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
// The schema's datasource reads DATABASE_URL; it must name the provider or the CLI tries to
// download the classic engine.
process.env.DATABASE_URL = databaseUrl;

const POSTGRES_TEXT_OID = 25;

/**
 * Introspection reads catalog columns of type `name` and `"char"`, which the adapter refuses to
 * decode (prisma#27403); this pool reports them as text, which is what they hold.
 */
function introspectionSafePool(connectionString: string): Pool {
  const pool = new Pool({ connectionString, allowExitOnIdle: true });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<QueryResult>;
  pool.query = (async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === POSTGRES_NAME_OID || field.dataTypeID === POSTGRES_CHAR_OID) field.dataTypeID = POSTGRES_TEXT_OID;
    }
    return result;
  }) as typeof pool.query;
  return pool;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return new PrismaPg(introspectionSafePool(databaseUrl));
  },
});
