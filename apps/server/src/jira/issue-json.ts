import type { Issue, IssueType, Priority, Project, Resolution, Status, User } from '@tokenshift/db';
import { formatJiraDate } from '@tokenshift/shared';
import { issueTypeJson, priorityJson, projectRefJson, resolutionJson, statusJson } from './catalog-json';
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

/** Jira's issue representation (the fields the demo keeps). */
export function issueJson(baseUrl: string, issue: IssueWithRelations) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: `${baseUrl}/rest/api/2/issue/${issue.id}`,
    key: issue.key,
    fields: {
      summary: issue.summary,
      description: issue.description,
      issuetype: issueTypeJson(baseUrl, issue.typeDef),
      status: statusJson(baseUrl, issue.statusDef),
      priority: priorityJson(baseUrl, issue.priorityDef),
      resolution: issue.resolutionDef ? resolutionJson(baseUrl, issue.resolutionDef) : null,
      resolutiondate: issue.resolutionDate ? formatJiraDate(issue.resolutionDate) : null,
      project: projectRefJson(baseUrl, issue.project),
      reporter: userJson(baseUrl, { name: issue.reporter.name, email: issue.reporter.email, displayName: issue.reporter.displayName, active: issue.reporter.active }),
      assignee: issue.assignee
        ? userJson(baseUrl, { name: issue.assignee.name, email: issue.assignee.email, displayName: issue.assignee.displayName, active: issue.assignee.active })
        : null,
      labels: issue.labels,
      created: formatJiraDate(issue.created),
      updated: formatJiraDate(issue.updated),
    },
  };
}
