import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded database in .data/pglite under the base folder', () => {
    expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual({ kind: 'pglite', dataDir: '/srv/app/.data/pglite', url: DEFAULT_DATABASE_URL });
    expect(parseDatabaseUrl('  ', '/srv/app').kind).toBe('pglite');
  });

  it('accepts an absolute folder and memory for PGlite', () => {
    expect(parseDatabaseUrl('pglite:/var/lib/ts', '/x')).toMatchObject({ dataDir: '/var/lib/ts' });
    // A trailing slash names the same folder: what is kept beside it (lock, spool, demo token) must not land inside it.
    expect(parseDatabaseUrl('pglite:/var/lib/ts/', '/x')).toMatchObject({ dataDir: '/var/lib/ts' });
    expect(parseDatabaseUrl('pglite://data/db', '/x')).toMatchObject({ dataDir: '/x/data/db' });
    expect(parseDatabaseUrl('pglite:memory')).toMatchObject({ kind: 'pglite', dataDir: null });
  });

  it('recognises both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
    expect(parseDatabaseUrl('postgres://u@h/db').kind).toBe('postgres');
  });

  it('rejects other schemes without echoing credentials', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@h/db')).toThrow(/got "mysql:…"/);
    expect(() => parseDatabaseUrl('mysql://root:hunter2@h/db')).not.toThrow(/hunter2/);
  });
});

describe('redactDatabaseUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactDatabaseUrl('postgresql://app:s3cret@db:5432/prod')).toBe('postgresql://app:***@db:5432/prod');
    expect(redactDatabaseUrl('postgresql://app@db/prod')).toBe('postgresql://app@db/prod');
  });
});
