import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminApi } from '@tokenshift/auth-core';
import type { ClientIp, Contact, DrilldownRow, Exemptions, MigratedUser, Refusal } from '@tokenshift/shared';
import { DeprecationPolicy, UsageViews } from '@tokenshift/usage';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import { ApiJiraErrors } from '../openapi/api-docs.decorators';
import { TOKENSHIFT_API_PATH } from '../routes';
import { since, UsageWindowParams } from './usage.controller';

export class UserDrilldownParams extends UsageWindowParams {
  @MaxLength(255) @IsNotEmpty() @IsString() user!: string;
}

export class ClientDrilldownParams extends UsageWindowParams {
  @MaxLength(255) @IsNotEmpty() @IsString() client!: string;
}

/** The contact list's columns, in the order of the CSV. */
const CONTACT_COLUMNS = ['email', 'user', 'displayName', 'clients', 'lastDeprecatedCall', 'deprecatedCalls'] as const;

/**
 * The dashboard's admin views beyond the headline: where clients call from, the user → client → endpoint
 * drill-down (and back), whom to contact, who has migrated, what was refused, and who is exempt.
 * Every list is bounded (USAGE_LIST_LIMIT rows).
 */
@ApiTags('migration dashboard')
@AdminApi()
@Controller(`${TOKENSHIFT_API_PATH}/usage`)
export class UsageViewsController {
  constructor(
    private readonly views: UsageViews,
    private readonly policy: DeprecationPolicy,
  ) {}

  @Get('client-ips')
  @ApiOperation({ summary: 'Top IPs per client', description: 'The busiest IPs (at most 5) of each client that made deprecated calls in the window.' })
  @ApiOkResponse({ description: 'Client, IP, calls and last time, busiest clients first' })
  @ApiJiraErrors(400)
  clientIps(@Query() params: UsageWindowParams): Promise<ClientIp<Date>[]> {
    return this.views.clientIps(since(params));
  }

  @Get('user-clients')
  @ApiOperation({ summary: "A user's clients", description: 'The clients one user made deprecated calls with, each with its endpoints.' })
  @ApiOkResponse({ description: 'Clients with their endpoints' })
  @ApiJiraErrors(400)
  userClients(@Query() params: UserDrilldownParams): Promise<DrilldownRow<Date>[]> {
    return this.views.drilldown('user', params.user, since(params));
  }

  @Get('client-users')
  @ApiOperation({ summary: "A client's users", description: 'The users who made deprecated calls with one client, each with its endpoints.' })
  @ApiOkResponse({ description: 'Users with their endpoints' })
  @ApiJiraErrors(400)
  clientUsers(@Query() params: ClientDrilldownParams): Promise<DrilldownRow<Date>[]> {
    return this.views.drilldown('client', params.client, since(params));
  }

  @Get('contacts')
  @ApiOperation({ summary: 'Whom to contact', description: 'Every user with deprecated calls in the window: email, clients, last deprecated call, calls.' })
  @ApiOkResponse({ description: 'The contacts' })
  @ApiJiraErrors(400)
  contacts(@Query() params: UsageWindowParams): Promise<Contact<Date>[]> {
    return this.views.contacts(since(params));
  }

  @Get('contacts.csv')
  @ApiOperation({ summary: 'Whom to contact (CSV)' })
  @ApiOkResponse({ description: 'The contacts, as CSV' })
  @ApiJiraErrors(400)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="tokenshift-contacts.csv"')
  async contactsCsv(@Query() params: UsageWindowParams): Promise<string> {
    const contacts = await this.views.contacts(since(params));
    return stringify(
      contacts.map((c) => [c.email ?? '', c.user, c.displayName ?? '', c.clients.join('; '), c.lastDeprecatedCall.toISOString(), c.deprecatedCalls]),
      // Names, emails and User-Agents are chosen by callers: none may run as a spreadsheet formula.
      { header: true, columns: [...CONTACT_COLUMNS], escape_formulas: true },
    );
  }

  @Get('migrated')
  @ApiOperation({ summary: 'Users who migrated', description: 'Users with API-token calls and no deprecated call in the last `days` days.' })
  @ApiOkResponse({ description: 'The migrated users, most recent token use first' })
  @ApiJiraErrors(400)
  migrated(@Query() params: UsageWindowParams): Promise<MigratedUser<Date>[]> {
    return this.views.migrated(since(params));
  }

  @Get('refusals')
  @ApiOperation({ summary: 'Refused calls per user and client', description: 'Refused (policy enforced) and would-be refused (dry run) calls in the window.' })
  @ApiOkResponse({ description: 'The refusals' })
  @ApiJiraErrors(400)
  refusals(@Query() params: UsageWindowParams): Promise<Refusal<Date>[]> {
    return this.views.refusals(since(params));
  }

  @Get('exemptions')
  @ApiOperation({ summary: 'Exempt users and clients', description: 'DEPRECATION_EXEMPT_USERS and DEPRECATION_EXEMPT_CLIENTS, with their deprecated calls in the window.' })
  @ApiOkResponse({ description: 'The exemption lists' })
  @ApiJiraErrors(400)
  async exemptions(@Query() params: UsageWindowParams): Promise<Exemptions<Date>> {
    const from = since(params);
    const { exemptUsers, exemptClients } = this.policy.options;
    const [users, clients] = await Promise.all([this.views.useOf('userKey', exemptUsers, from), this.views.useOf('clientKey', exemptClients, from)]);
    return { users, clients };
  }
}
