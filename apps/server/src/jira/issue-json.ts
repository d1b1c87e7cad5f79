import type { Issue, IssueType, Priority, Project, Resolution, Status, User } from '@tokenshift/db';
import { formatJiraDate } from '@tokenshift/shared';
import { issueTypeJson, priorityJson, projectRefJson, resolutionJson, statusJson } from './catalog-json';
import { fieldNames, IssueExpand } from './issue-view/field-selection';
import { renderText } from './issue-view/render-text';
import { userJson } from './user-json';

export type IssueWithRelations = Issue & {
  project: Project;
  reporter: User;
  assignee: User | null;
  typeDef: IssueType;
  statusDef: Status;
  priorityDef: Priority;
  resolutionDef: Resolution | null;
};

export const ISSUE_INCLUDE = {
  project: true,
  reporter: true,
  assignee: true,
  typeDef: true,
  statusDef: true,
  priorityDef: true,
  resolutionDef: true,
} as const;

/** Which fields and expansions one answer carries (from `fields=` and `expand=`). */
export interface IssueView {
  fields: ReadonlySet<string>;
  expand: ReadonlySet<IssueExpand>;
}

/** What an answer needs beyond the issue row, loaded only when its view asks for it. */
export interface IssueExtras {
  /** The `comment` field, in Jira's comment-page shape. */
  comment?: { comments: Array<{ body: string }> } & Record<string, unknown>;
  changelog?: unknown;
  transitions?: unknown[];
}

function personJson(baseUrl: string, user: User | null) {
  return user ? userJson(baseUrl, { name: user.name, email: user.email, displayName: user.displayName, active: user.active }) : null;
}

/** Jira's `duedate`: the day alone (`2026-12-31`). */
export function formatDueDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** Every field the server keeps, by Jira field id. */
function allFieldValues(baseUrl: string, issue: IssueWithRelations, extras: IssueExtras): Record<string, unknown> {
  return {
    summary: issue.summary,
    description: issue.description,
    issuetype: issueTypeJson(baseUrl, issue.typeDef),
    status: statusJson(baseUrl, issue.statusDef),
    priority: priorityJson(baseUrl, issue.priorityDef),
    resolution: issue.resolutionDef ? resolutionJson(baseUrl, issue.resolutionDef) : null,
    resolutiondate: issue.resolutionDate ? formatJiraDate(issue.resolutionDate) : null,
    duedate: formatDueDate(issue.dueDate),
    project: projectRefJson(baseUrl, issue.project),
    reporter: personJson(baseUrl, issue.reporter),
    assignee: personJson(baseUrl, issue.assignee),
    labels: issue.labels,
    created: formatJiraDate(issue.created),
    updated: formatJiraDate(issue.updated),
    comment: extras.comment,
  };
}

/** `renderedFields`: the text fields as escaped HTML, every other selected field null, as Jira answers them. */
function renderedFieldValues(fields: Record<string, unknown>, issue: IssueWithRelations, extras: IssueExtras): Record<string, unknown> {
  const rendered: Record<string, unknown> = Object.fromEntries(Object.keys(fields).map((id) => [id, null]));
  if ('description' in fields) rendered['description'] = renderText(issue.description);
  if ('comment' in fields && extras.comment) {
    rendered['comment'] = { ...extras.comment, comments: extras.comment.comments.map((comment) => ({ ...comment, body: renderText(comment.body) })) };
  }
  return rendered;
}

/** Jira's issue representation, with the fields and expansions the view asks for. */
export function issueJson(baseUrl: string, issue: IssueWithRelations, view: IssueView, extras: IssueExtras = {}) {
  const all = allFieldValues(baseUrl, issue, extras);
  const fields = Object.fromEntries(Object.entries(all).filter(([id]) => view.fields.has(id)));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: `${baseUrl}/rest/api/2/issue/${issue.id}`,
    key: issue.key,
    fields,
    ...(view.expand.has('renderedFields') ? { renderedFields: renderedFieldValues(fields, issue, extras) } : {}),
    ...(view.expand.has('names') ? { names: fieldNames(view.fields) } : {}),
    ...(view.expand.has('changelog') ? { changelog: extras.changelog } : {}),
    ...(view.expand.has('transitions') ? { transitions: extras.transitions } : {}),
  };
}
