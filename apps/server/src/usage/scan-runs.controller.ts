import { Body, Controller, Get, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TOKEN_PATTERN } from '@tokenshift/auth-api-token';
import type { Principal, RepoScans, ScanRun } from '@tokenshift/shared';
import { ScanRuns } from '@tokenshift/usage';
import { TOKENSHIFT_API_PATH } from '../admin/users-admin.controller';
import { AdminGuard } from '../auth/admin.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { JiraHttpException } from '../errors/jira-http.exception';
import { MetricsService } from '../metrics/metrics.service';
import { ScanRunBody } from './scan-run.dto';

/** The scanner redacts evidence; this is a second line, so a token never gets stored from a report. */
function redactTokens(text: string | undefined): string | null {
  return text ? text.replace(TOKEN_PATTERN, 'tsk_****') : null;
}

@ApiTags('scanner reports')
@ApiBasicAuth()
@ApiBearerAuth()
@Controller(`${TOKENSHIFT_API_PATH}/scan-runs`)
export class ScanRunsController {
  constructor(
    private readonly runs: ScanRuns,
    private readonly metrics: MetricsService,
  ) {}

  /** Any user with a write token may report a scan of a repository (CI jobs do). */
  @Post()
  @RequiresScope('write')
  async report(@Body() body: ScanRunBody, @CurrentUser() user: Principal) {
    const stored = await this.runs.store({
      ...body,
      scannedAt: new Date(body.scannedAt),
      reportedBy: user.name,
      findings: body.findings.map((finding) => ({ ...finding, evidence: redactTokens(finding.evidence) })),
    });
    this.metrics.scanRunReported();
    return stored;
  }

  @Get('repos')
  @UseGuards(AdminGuard)
  @RequiresScope('admin')
  repos(): Promise<RepoScans<Date>[]> {
    return this.runs.repos();
  }

  @Get(':id')
  @UseGuards(AdminGuard)
  @RequiresScope('admin')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ScanRun<Date>> {
    const run = await this.runs.get(id);
    if (!run) throw new JiraHttpException(404, 'No such scan run.');
    return run;
  }
}
