import type { IssueType, Priority, Project } from '@tokenshift/db';
import { issueTypeJson, priorityJson, projectRefJson } from './catalog-json';
import { DEFAULT_PRIORITY } from './issue-refs';

/** What creating an issue of one type in one project needs, from the catalogs. */
export interface CreateMetaContext {
  baseUrl: string;
  project: Project;
  issueType: IssueType;
  priorities: Priority[];
}

interface FieldMeta {
  required: boolean;
  schema: { type: string; system: string; items?: string };
  name: string;
  key: string;
  hasDefaultValue: boolean;
  operations: string[];
  allowedValues?: unknown[];
  defaultValue?: unknown;
  autoCompleteUrl?: string;
}

const field = (key: string, name: string, type: string, required: boolean, more: Partial<FieldMeta> = {}): FieldMeta => ({
  required,
  schema: { type, system: key },
  name,
  key,
  hasDefaultValue: false,
  operations: ['set'],
  ...more,
});

/**
 * The fields of the create screen, in Jira's create-metadata shape: the ones `POST /issue` takes
 * (issue.controller.ts), with the allowed values where Jira lists them.
 */
export function createFieldsMeta({ baseUrl, project, issueType, priorities }: CreateMetaContext): FieldMeta[] {
  const priorityValues = priorities.map((priority) => priorityJson(baseUrl, priority));
  const fallback = priorities.find((priority) => priority.name === DEFAULT_PRIORITY);
  return [
    field('summary', 'Summary', 'string', true),
    field('issuetype', 'Issue Type', 'issuetype', true, { operations: [], allowedValues: [issueTypeJson(baseUrl, issueType)] }),
    field('project', 'Project', 'project', true, { allowedValues: [projectRefJson(baseUrl, project)] }),
    field('description', 'Description', 'string', false),
    field('priority', 'Priority', 'priority', false, {
      allowedValues: priorityValues,
      ...(fallback ? { hasDefaultValue: true, defaultValue: priorityJson(baseUrl, fallback) } : {}),
    }),
    field('labels', 'Labels', 'array', false, {
      schema: { type: 'array', items: 'string', system: 'labels' },
      operations: ['add', 'set', 'remove'],
      autoCompleteUrl: `${baseUrl}/rest/api/1.0/labels/suggest?query=`,
    }),
    field('assignee', 'Assignee', 'user', false, { autoCompleteUrl: `${baseUrl}/rest/api/2/user/assignable/search?issueKey=null&username=` }),
  ];
}
