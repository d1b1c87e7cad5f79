import type { Issue, Project, User } from '@tokenshift/db';
import { formatJiraDate } from '@tokenshift/shared';
import { userJson } from './user-json';

export type IssueWithRelations = Issue & { project: Project; reporter: User; assignee: User | null };

export const ISSUE_INCLUDE = { project: true, reporter: true, assignee: true } as const;

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
      issuetype: { name: issue.issueType, subtask: false },
      status: { name: issue.status },
      priority: { name: issue.priority },
      project: { id: issue.project.id, key: issue.project.key, name: issue.project.name, self: `${baseUrl}/rest/api/2/project/${issue.project.key}` },
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
