/** The latest run's finding count of one repository. */
export interface RepoFindings {
  repo: string;
  findings: number;
}

/**
 * The scanner figures `/metrics` shows, read from the database at most once per refresh period
 * (reading every run is slow once there are thousands, and a scrape should not cost a query each
 * time), and read again at the next scrape after a run is reported to this instance. Concurrent
 * scrapes share one read.
 */
export class ScanFindingsCache {
  private cached: { readAt: number; repos: RepoFindings[] } | undefined;
  private reading: Promise<RepoFindings[]> | undefined;
  /** Bumped by `invalidate()`, so a read that started before a new run is not kept as fresh. */
  private generation = 0;

  constructor(
    private readonly read: () => Promise<RepoFindings[]>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<RepoFindings[]> {
    if (this.cached && this.now() - this.cached.readAt < this.refreshMs) return Promise.resolve(this.cached.repos);
    this.reading ??= this.readAndKeep().finally(() => (this.reading = undefined));
    return this.reading;
  }

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }

  private async readAndKeep(): Promise<RepoFindings[]> {
    const generation = this.generation;
    const readAt = this.now();
    const repos = await this.read();
    if (generation === this.generation) this.cached = { readAt, repos };
    return repos;
  }
}
