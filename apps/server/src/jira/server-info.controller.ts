import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { formatJiraDate } from '@tokenshift/shared';
import { AppConfig } from '../config/app-config';
import { ServerInfo } from '../openapi/jira-schemas';
import { JIRA_API_PATHS } from '../routes';
import { Public } from '@tokenshift/auth-core';

/** The Jira version this server imitates in serverInfo (a Data Center line that still has the session resource). */
export const IMITATED_JIRA_VERSION = [9, 12, 0] as const;

@Controller(JIRA_API_PATHS)
@ApiTags('Jira')
export class ServerInfoController {
  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  /** Jira's `GET /rest/api/2/serverInfo`: anonymous, used by clients to probe a server. */
  @Get('serverInfo')
  @Public()
  @ApiOperation({ summary: 'Get server info', description: 'The base URL, the Jira version this server answers as, and the server time. Anonymous callers may call it.' })
  @ApiOkResponse({ type: ServerInfo })
  serverInfo() {
    return {
      baseUrl: this.config.get('server', { infer: true }).baseUrl,
      version: IMITATED_JIRA_VERSION.join('.'),
      versionNumbers: [...IMITATED_JIRA_VERSION],
      deploymentType: 'Server',
      buildNumber: 912000,
      buildDate: '2026-11-01T00:00:00.000+0000',
      serverTime: formatJiraDate(new Date()),
      scmInfo: 'tokenshift',
      serverTitle: 'tokenshift',
    };
  }
}
