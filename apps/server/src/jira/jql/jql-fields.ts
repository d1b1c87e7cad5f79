import { Prisma } from '@tokenshift/db';
import { JqlError } from './jql-parser';

/**
 * What a JQL field is, so each clause is built by its kind:
 * - `project`: looked up by key, name or id (jql-lookups.ts);
 * - `choice`: one name from a list (type, status, priority), any case;
 * - `key`: an issue key or id, also compared with `<` `>` within its project;
 * - `text`: a short text compared whole (`=`) or by contained words (`~`);
 * - `contains`: `text`, which only `~`/`!~` search (summary and description);
 * - `labels`: a list of words;
 * - `user`: looked up by username or e-mail address;
 * - `date`: an instant, compared with relative and absolute dates and date functions (`dateOnly`: a
 *   calendar day, standing for its midnight in the time zone);
 * - `resolution`: a name, where Jira's `Unresolved` means empty.
 * `column` is undefined for a field the data model does not keep yet: every issue is then empty in it.
 */
export type JqlField =
  | { name: string; kind: 'project' | 'key' | 'contains' | 'labels'; column?: undefined; nullable?: undefined }
  | { name: string; kind: 'choice'; column: 'issueType' | 'status' | 'priority'; nullable?: undefined }
  | { name: string; kind: 'text' | 'user'; column: string; nullable: boolean }
  | { name: string; kind: 'date' | 'resolution'; column: string | undefined; nullable: boolean; dateOnly?: boolean };

/** The first of the columns that the Issue model has, for fields other work may add (duedate, resolution). */
function columnOf(...candidates: string[]): string | undefined {
  return candidates.find((column) => column in Prisma.IssueScalarFieldEnum);
}

const FIELDS: Record<string, JqlField> = {
  project: { name: 'project', kind: 'project' },
  type: { name: 'type', kind: 'choice', column: 'issueType' },
  issuetype: { name: 'issuetype', kind: 'choice', column: 'issueType' },
  status: { name: 'status', kind: 'choice', column: 'status' },
  priority: { name: 'priority', kind: 'choice', column: 'priority' },
  key: { name: 'key', kind: 'key' },
  issuekey: { name: 'issuekey', kind: 'key' },
  id: { name: 'id', kind: 'key' },
  issue: { name: 'issue', kind: 'key' },
  summary: { name: 'summary', kind: 'text', column: 'summary', nullable: false },
  description: { name: 'description', kind: 'text', column: 'description', nullable: true },
  text: { name: 'text', kind: 'contains' },
  labels: { name: 'labels', kind: 'labels' },
  assignee: { name: 'assignee', kind: 'user', column: 'assigneeId', nullable: true },
  reporter: { name: 'reporter', kind: 'user', column: 'reporterId', nullable: false },
  created: { name: 'created', kind: 'date', column: 'created', nullable: false },
  createddate: { name: 'createdDate', kind: 'date', column: 'created', nullable: false },
  updated: { name: 'updated', kind: 'date', column: 'updated', nullable: false },
  updateddate: { name: 'updatedDate', kind: 'date', column: 'updated', nullable: false },
  duedate: { name: 'duedate', kind: 'date', column: columnOf('dueDate', 'duedate', 'due'), nullable: true, dateOnly: true },
  due: { name: 'due', kind: 'date', column: columnOf('dueDate', 'duedate', 'due'), nullable: true, dateOnly: true },
  resolutiondate: { name: 'resolutiondate', kind: 'date', column: columnOf('resolutionDate', 'resolutiondate', 'resolved'), nullable: true },
  resolved: { name: 'resolved', kind: 'date', column: columnOf('resolutionDate', 'resolutiondate', 'resolved'), nullable: true },
  resolution: { name: 'resolution', kind: 'resolution', column: columnOf('resolutionId', 'resolution'), nullable: true },
};

/** The field a clause names (any case), or Jira's 400 for one it does not know. */
export function fieldOf(name: string): JqlField {
  const field = FIELDS[name];
  if (!field) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  return field;
}
