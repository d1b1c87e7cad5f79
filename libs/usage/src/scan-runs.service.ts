import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import { RepoScans, ScanReport, ScanRun, Severities, SEVERITIES, Severity } from '@tokenshift/shared';

/** A report as stored: the posted body with its time parsed, and who reported it. */
export type ScanRunInput = ScanReport<Date> & { reportedBy?: string | null };

/**
 * How many findings `tokenshift-scan fix` clears by itself; null unless every finding says whether it is
 * auto-fixable (a scanner older than the field says nothing, and unknown is not "needs a person").
 */
export function autoFixableCount(findings: ReadonlyArray<{ autoFixable?: boolean | null }>): number | null {
  if (findings.some((finding) => typeof finding.autoFixable !== 'boolean')) return null;
  return findings.filter((finding) => finding.autoFixable).length;
}

/** Scanner runs as reported by `tokenshift-scan --report-to`: every run is kept, for the burn-down. */
@Injectable()
export class ScanRuns {
  constructor(private readonly prisma: PrismaService) {}

  async store(run: ScanRunInput): Promise<{ id: string; findingCount: number }> {
    const { findings, ...fields } = run;
    const created = await this.prisma.scanRun.create({
      data: { ...fields, findingCount: findings.length, autoFixableCount: autoFixableCount(findings), findings: { createMany: { data: findings } } },
      select: { id: true, findingCount: true },
    });
    return created;
  }

  /** Per repo: the latest run with counts by severity, and the finding count of every run (ascending). */
  async repos(): Promise<RepoScans<Date>[]> {
    const runs = await this.prisma.scanRun.findMany({
      select: { id: true, repo: true, commit: true, scannedAt: true, findingCount: true, autoFixableCount: true },
      orderBy: [{ repo: 'asc' }, { scannedAt: 'asc' }],
    });
    const byRepo = new Map<string, typeof runs>();
    for (const run of runs) byRepo.set(run.repo, [...(byRepo.get(run.repo) ?? []), run]);
    const latestIds = [...byRepo.values()].flatMap((history) => history.at(-1)?.id ?? []);
    const counts = await this.prisma.scanFinding.groupBy({ by: ['runId', 'severity'], where: { runId: { in: latestIds } }, _count: { _all: true } });
    return [...byRepo.entries()].map(([repo, history]) => {
      const latest = history.at(-1);
      if (!latest) throw new Error(`Scan runs of ${repo}: a repo is listed only with its runs`);
      const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Severities;
      for (const count of counts) if (count.runId === latest.id) bySeverity[count.severity as Severity] = count._count._all;
      return {
        repo,
        latest: { id: latest.id, scannedAt: latest.scannedAt, commit: latest.commit, findingCount: latest.findingCount, autoFixableCount: latest.autoFixableCount, bySeverity },
        history: history.map((run) => ({ scannedAt: run.scannedAt, findingCount: run.findingCount })),
      };
    });
  }

  async get(id: string): Promise<ScanRun<Date> | null> {
    const run = await this.prisma.scanRun.findUnique({
      where: { id },
      select: {
        id: true,
        repo: true,
        commit: true,
        branch: true,
        scannedAt: true,
        scannerVersion: true,
        filesScanned: true,
        findingCount: true,
        autoFixableCount: true,
        findings: {
          select: { ruleId: true, severity: true, file: true, line: true, column: true, language: true, message: true, evidence: true, replacement: true, autoFixable: true },
          orderBy: [{ file: 'asc' }, { line: 'asc' }],
        },
      },
    });
    // Severities are checked against SEVERITIES when a report is received; the column is plain text.
    return run && { ...run, findings: run.findings.map((finding) => ({ ...finding, severity: finding.severity as Severity })) };
  }
}
