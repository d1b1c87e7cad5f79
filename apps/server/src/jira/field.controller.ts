import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FieldBean } from '../openapi/jira-schemas';
import { JIRA_API_PATHS } from '../routes';

/** The system fields the demo issues carry, in Jira's `GET /rest/api/2/field` shape. */
const FIELDS = [
  ['summary', 'Summary', 'string'],
  ['description', 'Description', 'string'],
  ['issuetype', 'Issue Type', 'issuetype'],
  ['status', 'Status', 'status'],
  ['priority', 'Priority', 'priority'],
  ['resolution', 'Resolution', 'resolution'],
  ['resolutiondate', 'Resolved', 'datetime'],
  ['duedate', 'Due Date', 'date'],
  ['project', 'Project', 'project'],
  ['reporter', 'Reporter', 'user'],
  ['assignee', 'Assignee', 'user'],
  ['labels', 'Labels', 'array'],
  ['created', 'Created', 'datetime'],
  ['updated', 'Updated', 'datetime'],
  ['comment', 'Comment', 'comments-page'],
] as const;

@Controller(JIRA_API_PATHS)
@ApiTags('Jira')
export class FieldController {
  @Get('field')
  @ApiOperation({ summary: 'Get fields', description: 'The system fields issues have.' })
  @ApiOkResponse({ type: [FieldBean] })
  fields() {
    return FIELDS.map(([id, name, type]) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      // Comments are not a search column in Jira (`*navigable` leaves them out).
      navigable: id !== 'comment',
      searchable: true,
      clauseNames: [id],
      schema: { type, system: id },
    }));
  }
}
