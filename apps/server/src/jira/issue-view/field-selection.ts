/**
 * Jira's `fields` parameter: which fields of an issue to answer. Items are field ids, `*all`,
 * `*navigable`, or `-id` to leave a field out; given only exclusions, the resource's default list is
 * the starting point. Unknown ids are ignored, as Jira does.
 */
export interface IssueField {
  id: string;
  name: string;
  /** Navigable fields are the search default (`*navigable`); the others only come with `*all` or by name. */
  navigable: boolean;
}

export const ISSUE_FIELDS: readonly IssueField[] = [
  { id: 'summary', name: 'Summary', navigable: true },
  { id: 'description', name: 'Description', navigable: true },
  { id: 'issuetype', name: 'Issue Type', navigable: true },
  { id: 'status', name: 'Status', navigable: true },
  { id: 'priority', name: 'Priority', navigable: true },
  { id: 'resolution', name: 'Resolution', navigable: true },
  { id: 'resolutiondate', name: 'Resolved', navigable: true },
  { id: 'duedate', name: 'Due Date', navigable: true },
  { id: 'project', name: 'Project', navigable: true },
  { id: 'reporter', name: 'Reporter', navigable: true },
  { id: 'assignee', name: 'Assignee', navigable: true },
  { id: 'labels', name: 'Labels', navigable: true },
  { id: 'created', name: 'Created', navigable: true },
  { id: 'updated', name: 'Updated', navigable: true },
  { id: 'comment', name: 'Comment', navigable: false },
];

export type FieldDefault = '*all' | '*navigable';

/** At most this many items in one `fields` parameter; more cannot name anything (there are fewer fields). */
export const MAX_FIELD_ITEMS = 100;

/** The ids of the fields to answer, in the catalogue's order. */
export function selectFields(items: readonly string[] | undefined, fallback: FieldDefault): Set<string> {
  const wanted = (items ?? []).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  const includes = wanted.filter((item) => !item.startsWith('-'));
  const excludes = new Set(wanted.filter((item) => item.startsWith('-')).map((item) => item.slice(1)));
  const base = includes.length ? includes : [fallback];
  const selected = new Set<string>();
  for (const field of ISSUE_FIELDS) {
    const included = base.includes('*all') || (base.includes('*navigable') && field.navigable) || base.includes(field.id);
    if (included && !excludes.has(field.id)) selected.add(field.id);
  }
  return selected;
}

export function fieldNames(selected: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(ISSUE_FIELDS.filter((field) => selected.has(field.id)).map((field) => [field.id, field.name]));
}

/** The `expand` values an issue answer honours; others are ignored, as Jira does. */
export type IssueExpand = 'names' | 'renderedFields' | 'changelog' | 'transitions' | 'transitions.fields';

const KNOWN_EXPANDS: readonly IssueExpand[] = ['names', 'renderedFields', 'changelog', 'transitions', 'transitions.fields'];

export function parseExpand(items: readonly string[] | undefined): Set<IssueExpand> {
  const wanted = (items ?? []).flatMap((item) => item.split(',')).map((item) => item.trim());
  const expands = new Set(KNOWN_EXPANDS.filter((expand) => wanted.includes(expand)));
  // Transitions with their fields are still the transitions.
  if (expands.has('transitions.fields')) expands.add('transitions');
  return expands;
}
