import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { redactEvidence, type RepoScans, type ScanRun } from '@tokenshift/shared';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { ScanRuns } from '@tokenshift/usage';
import { TOKENSHIFT_API_PATH } from '../routes';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { MetricsService } from '../metrics/metrics.service';
import { ScanFindingBody, ScanRunBody } from './scan-run.dto';
import { RepoScansResponse, ScanRunResponse, StoredScanRunResponse } from './scan-run.responses';
import { AdminApi, CurrentUser, Principal, TokenApi } from '@tokenshift/auth-core';

/**
 * The scanner redacts evidence; this is a second line with the scanner's own rules (libs/shared), so a password
 * or token never gets stored from an older scanner's report or a hand-made one.
 */
function redactFinding(finding: ScanFindingBody): ScanFindingBody {
  return {
    ...finding,
    message: redactEvidence(finding.message),
    evidence: finding.evidence === undefined ? undefined : redactEvidence(finding.evidence),
    replacement: finding.replacement === undefined ? undefined : redactEvidence(finding.replacement),
  };
}

@ApiTags('scanner reports')
@TokenApi('write')
@Controller(`${TOKENSHIFT_API_PATH}/scan-runs`)
export class ScanRunsController {
  constructor(
    private readonly runs: ScanRuns,
    private readonly metrics: MetricsService,
  ) {}

  /** Any user with a write token may report a scan of a repository (CI jobs do). */
  @Post()
  @ApiOperation({ summary: 'Report a scanner run', description: 'What `scanner --report-to` sends: the findings of one scan of a repository.' })
  @ApiCreatedResponse({ description: 'The stored run', type: StoredScanRunResponse })
  @ApiJiraErrors(400)
  async report(@Body() body: ScanRunBody, @CurrentUser() user: Principal) {
    const stored = await this.runs.store({
      ...body,
      scannedAt: new Date(body.scannedAt),
      reportedBy: user.name,
      findings: body.findings.map(redactFinding),
    });
    this.metrics.scanRunReported();
    return stored;
  }

  @Get('repos')
  @AdminApi()
  @ApiOperation({ summary: 'Repositories and their findings over time' })
  @ApiOkResponse({ description: "Each repository's latest scan and its burn-down", type: [RepoScansResponse] })
  repos(): Promise<RepoScans<Date>[]> {
    return this.runs.repos();
  }

  @Get(':id')
  @AdminApi()
  @ApiOperation({ summary: 'Get a scanner run' })
  @ApiOkResponse({ description: 'The run and its findings', type: ScanRunResponse })
  @ApiJiraErrors(400, 404)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ScanRun<Date>> {
    const run = await this.runs.get(id);
    if (!run) throw new JiraHttpException(404, 'No such scan run.');
    return run;
  }
}
