import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * Response and request shapes of the Jira resources, for the OpenAPI document only: the controllers
 * build these objects themselves. Names follow Jira's published schemas (ErrorCollection, AuthSuccess,
 * CurrentUser, SessionInfo, LoginInfo, User, ServerInfo, SearchResults, IssueBean, CreatedIssue).
 */

/** Jira's error envelope: every 4xx and 5xx answers with it. */
export class ErrorCollection {
  @ApiProperty({ type: [String], example: ['You are not authenticated. Authentication required to perform this operation.'] })
  errorMessages!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Problems by field name', example: {} })
  errors!: Record<string, string>;
  @ApiPropertyOptional({ description: 'On a 500: the id the server logged the failure under' })
  errorId?: string;
}

export class SessionInfo {
  @ApiProperty({ description: 'The session cookie name: JSESSIONID (Jira Server/Data Center) or cloud.session.token (Jira Cloud)', example: 'JSESSIONID' })
  name!: string;
  @ApiProperty({ description: 'The session cookie value', example: '6E3487971234567896704A9EB4AE501F' })
  value!: string;
}

export class LoginInfo {
  @ApiPropertyOptional({ type: 'integer', format: 'int64', description: 'Failed logins in total; left out when there never was one' })
  failedLoginCount?: number;
  @ApiProperty({ type: 'integer', format: 'int64' })
  loginCount!: number;
  @ApiPropertyOptional({ example: '2026-12-01T10:00:00.000+0000' })
  lastFailedLoginTime?: string;
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00.000+0000' })
  previousLoginTime?: string;
}

export class AuthSuccess {
  @ApiProperty({ type: SessionInfo })
  session!: SessionInfo;
  @ApiProperty({ type: LoginInfo })
  loginInfo!: LoginInfo;
}

export class CurrentUser {
  @ApiProperty({ format: 'uri', example: 'http://127.0.0.1:8080/rest/api/latest/user?username=demo' })
  self!: string;
  @ApiProperty({ example: 'demo' })
  name!: string;
  @ApiProperty({ type: LoginInfo })
  loginInfo!: LoginInfo;
}

export class User {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty()
  key!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  emailAddress!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'uri' } })
  avatarUrls!: Record<string, string>;
  @ApiProperty()
  displayName!: string;
  @ApiProperty()
  active!: boolean;
  @ApiProperty({ example: 'UTC' })
  timeZone!: string;
  @ApiProperty({ example: 'en_US' })
  locale!: string;
}

export class ServerInfo {
  @ApiProperty({ format: 'uri' })
  baseUrl!: string;
  @ApiProperty({ example: '9.12.0' })
  version!: string;
  @ApiProperty({ type: [Number], example: [9, 12, 0] })
  versionNumbers!: number[];
  @ApiProperty({ example: 'Server' })
  deploymentType!: string;
  @ApiProperty({ type: 'integer' })
  buildNumber!: number;
  @ApiProperty()
  buildDate!: string;
  @ApiProperty()
  serverTime!: string;
  @ApiProperty()
  scmInfo!: string;
  @ApiProperty()
  serverTitle!: string;
}

/** An issue as Jira answers it; which fields are present depends on `fields` and `expand`. */
export class IssueBean {
  @ApiProperty({ example: '10001' })
  id!: string;
  @ApiProperty({ example: 'DEMO-1' })
  key!: string;
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiPropertyOptional()
  expand?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Field id → value (summary, status, issuetype, …)' })
  fields!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With expand=renderedFields: text fields as HTML' })
  renderedFields?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'With expand=names: field id → name' })
  names?: Record<string, string>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With expand=changelog: the history of field changes' })
  changelog?: Record<string, unknown>;
}

export class SearchResults {
  @ApiProperty()
  expand!: string;
  @ApiProperty({ type: 'integer' })
  startAt!: number;
  @ApiProperty({ type: 'integer' })
  maxResults!: number;
  @ApiProperty({ type: 'integer' })
  total!: number;
  @ApiProperty({ type: [IssueBean] })
  issues!: IssueBean[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'With expand=names' })
  names?: Record<string, string>;
}

/** The body of `POST /rest/api/2/search`. */
export class SearchRequestBean {
  @ApiPropertyOptional({ description: 'A JQL query', example: 'project = DEMO AND type = Bug ORDER BY key' })
  jql?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  startAt?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1000, default: 50 })
  maxResults?: number;
  @ApiPropertyOptional({ type: [String], description: 'Fields to return: ids, `*all`, `*navigable`, `-field` to leave one out', example: ['summary', 'status'] })
  fields?: string[];
  @ApiPropertyOptional({ type: [String], description: 'names, renderedFields, changelog, transitions', example: ['names'] })
  expand?: string[];
}

export class CreatedIssue {
  @ApiProperty({ example: '10001' })
  id!: string;
  @ApiProperty({ example: 'DEMO-7' })
  key!: string;
  @ApiProperty({ format: 'uri' })
  self!: string;
}

/** A reference Jira accepts by id, key or name, whichever the resource has. */
export class EntityRef {
  @ApiPropertyOptional({ example: '10000' })
  id?: string;
  @ApiPropertyOptional({ example: 'DEMO' })
  key?: string;
  @ApiPropertyOptional({ example: 'Bug' })
  name?: string;
}

export class IssueFieldValues {
  @ApiPropertyOptional({ type: EntityRef, description: 'By id or key' })
  project?: EntityRef;
  @ApiPropertyOptional({ type: EntityRef, description: 'By id or name' })
  issuetype?: EntityRef;
  @ApiPropertyOptional({ maxLength: 255 })
  summary?: string;
  @ApiPropertyOptional()
  description?: string;
  @ApiPropertyOptional({ type: EntityRef, description: 'By name' })
  assignee?: EntityRef;
  @ApiPropertyOptional({ type: EntityRef, description: 'By id or name' })
  priority?: EntityRef;
  @ApiPropertyOptional({ type: [String] })
  labels?: string[];
}

/** `{"fields": {...}}`, as Jira's create and edit take it. */
export class IssueUpdateBean {
  @ApiProperty({ type: IssueFieldValues })
  fields!: IssueFieldValues;
}

export class FieldSchema {
  @ApiProperty({ example: 'string' })
  type!: string;
  @ApiPropertyOptional({ example: 'summary' })
  system?: string;
}

export class FieldBean {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  key!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  custom!: boolean;
  @ApiProperty()
  orderable!: boolean;
  @ApiProperty()
  navigable!: boolean;
  @ApiProperty()
  searchable!: boolean;
  @ApiProperty({ type: [String] })
  clauseNames!: string[];
  @ApiProperty({ type: FieldSchema })
  schema!: FieldSchema;
}

/* The read resources: projects, catalogs, create metadata, Cloud's enhanced search. */

export class AvatarUrls {
  @ApiProperty({ format: 'uri' })
  '48x48'!: string;
}

export class IssueTypeBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty({ example: '10004' })
  id!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ format: 'uri' })
  iconUrl!: string;
  @ApiProperty({ example: 'Bug' })
  name!: string;
  @ApiProperty()
  subtask!: boolean;
}

export class ProjectBean {
  @ApiPropertyOptional()
  expand?: string;
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty({ example: '10000' })
  id!: string;
  @ApiProperty({ example: 'DEMO' })
  key!: string;
  @ApiProperty({ example: 'Demo Project' })
  name!: string;
  @ApiPropertyOptional({ example: 'software' })
  projectTypeKey?: string;
  @ApiPropertyOptional({ type: AvatarUrls })
  avatarUrls?: AvatarUrls;
  @ApiPropertyOptional()
  description?: string;
  @ApiPropertyOptional({ type: User })
  lead?: User;
  @ApiPropertyOptional({ type: () => [IssueTypeBean] })
  issueTypes?: IssueTypeBean[];
}

export class PageBean {
  @ApiPropertyOptional({ format: 'uri' })
  self?: string;
  @ApiProperty({ type: 'integer' })
  startAt!: number;
  @ApiProperty({ type: 'integer' })
  maxResults!: number;
  @ApiProperty({ type: 'integer' })
  total!: number;
  @ApiProperty()
  isLast!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  values!: Record<string, unknown>[];
}

export class StatusCategoryBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty({ type: 'integer' })
  id!: number;
  @ApiProperty({ example: 'done' })
  key!: string;
  @ApiProperty()
  colorName!: string;
  @ApiProperty()
  name!: string;
}

export class StatusBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ format: 'uri' })
  iconUrl!: string;
  @ApiProperty({ example: 'Closed' })
  name!: string;
  @ApiProperty({ example: '6' })
  id!: string;
  @ApiProperty({ type: StatusCategoryBean })
  statusCategory!: StatusCategoryBean;
}

export class PriorityBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty()
  statusColor!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ format: 'uri' })
  iconUrl!: string;
  @ApiProperty({ example: 'Medium' })
  name!: string;
  @ApiProperty({ example: '3' })
  id!: string;
}

export class ResolutionBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty({ example: '10000' })
  id!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ example: 'Done' })
  name!: string;
}

export class CreateMetaIssueType {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With expand=projects.issuetypes.fields: field id → how to set it' })
  fields?: Record<string, unknown>;
}

export class CreateMetaProject {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  key!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: [CreateMetaIssueType] })
  issuetypes!: CreateMetaIssueType[];
}

export class IssueCreateMetadata {
  @ApiPropertyOptional()
  expand?: string;
  @ApiProperty({ type: [CreateMetaProject] })
  projects!: CreateMetaProject[];
}

export class CreateMetaPage {
  @ApiProperty({ type: 'integer' })
  startAt!: number;
  @ApiProperty({ type: 'integer' })
  maxResults!: number;
  @ApiProperty({ type: 'integer' })
  total!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  values!: Record<string, unknown>[];
}

export class SearchAndReconcileResults {
  @ApiProperty({ type: [IssueBean] })
  issues!: IssueBean[];
  @ApiPropertyOptional({ description: 'Pass it back to get the next page; absent on the last one' })
  nextPageToken?: string;
  @ApiProperty()
  isLast!: boolean;
}

/* The write resources: comments and transitions. */

export class CommentBean {
  @ApiProperty({ format: 'uri' })
  self!: string;
  @ApiProperty({ example: '10000' })
  id!: string;
  @ApiProperty({ type: User })
  author!: User;
  @ApiProperty()
  body!: string;
  @ApiPropertyOptional({ description: 'With expand=renderedBody: the body as HTML' })
  renderedBody?: string;
  @ApiProperty({ type: User })
  updateAuthor!: User;
  @ApiProperty()
  created!: string;
  @ApiProperty()
  updated!: string;
}

export class PageOfComments {
  @ApiProperty({ type: 'integer' })
  startAt!: number;
  @ApiProperty({ type: 'integer' })
  maxResults!: number;
  @ApiProperty({ type: 'integer' })
  total!: number;
  @ApiProperty({ type: [CommentBean] })
  comments!: CommentBean[];
}

export class CommentBody {
  @ApiProperty({ example: 'Fixed in the nightly build.' })
  body!: string;
}

export class TransitionBean {
  @ApiProperty({ example: '31' })
  id!: string;
  @ApiProperty({ example: 'Close Issue' })
  name!: string;
  @ApiProperty({ type: StatusBean })
  to!: StatusBean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With expand=transitions.fields' })
  fields?: Record<string, unknown>;
}

export class TransitionsMeta {
  @ApiPropertyOptional()
  expand?: string;
  @ApiProperty({ type: [TransitionBean] })
  transitions!: TransitionBean[];
}

export class TransitionRef {
  @ApiProperty({ example: '31' })
  id!: string;
}

export class DoTransitionBody {
  @ApiProperty({ type: TransitionRef })
  transition!: TransitionRef;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Fields the transition sets, e.g. resolution' })
  fields?: Record<string, unknown>;
}
