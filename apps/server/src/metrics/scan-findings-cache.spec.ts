import { RepoFindings, ScanFindingsCache } from './scan-findings-cache';

/** A cache over a fake database whose reads are counted and can be held open. */
function setUp(refreshMs = 60_000) {
  let now = 0;
  let reads = 0;
  let rows: RepoFindings[] = [{ repo: 'org/a', findings: 3 }];
  let release: (() => void) | undefined;
  let hold = false;
  const cache = new ScanFindingsCache(
    async () => {
      reads++;
      const snapshot = rows;
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return snapshot;
    },
    refreshMs,
    () => now,
  );
  return {
    cache,
    reads: () => reads,
    advance: (ms: number) => (now += ms),
    setRows: (next: RepoFindings[]) => (rows = next),
    holdReads: () => (hold = true),
    releaseRead: () => release?.(),
  };
}

describe('ScanFindingsCache', () => {
  it('reads the database once per refresh period', async () => {
    const t = setUp(60_000);
    await t.cache.get();
    t.setRows([{ repo: 'org/a', findings: 1 }]);
    t.advance(59_999);
    expect(await t.cache.get()).toEqual([{ repo: 'org/a', findings: 3 }]);
    expect(t.reads()).toBe(1);
    t.advance(1);
    expect(await t.cache.get()).toEqual([{ repo: 'org/a', findings: 1 }]);
    expect(t.reads()).toBe(2);
  });

  it('reads again at the next call after invalidate()', async () => {
    const t = setUp();
    await t.cache.get();
    t.setRows([]);
    t.cache.invalidate();
    expect(await t.cache.get()).toEqual([]);
    expect(t.reads()).toBe(2);
  });

  it('shares one read between concurrent callers', async () => {
    const t = setUp();
    const all = await Promise.all([t.cache.get(), t.cache.get(), t.cache.get()]);
    expect(all).toEqual([all[0], all[0], all[0]]);
    expect(t.reads()).toBe(1);
  });

  it('does not keep a read that began before an invalidate() as fresh', async () => {
    const t = setUp();
    t.holdReads();
    const before = t.cache.get();
    t.cache.invalidate();
    t.releaseRead();
    await before;
    t.setRows([]);
    const after = t.cache.get();
    t.releaseRead();
    expect(await after).toEqual([]);
    expect(t.reads()).toBe(2);
  });
});
