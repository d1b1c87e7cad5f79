import type { IssueType, Priority, Project, Resolution, Status } from '@tokenshift/db';

const NO_CATEGORY = { id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' };

/** Jira's status categories, by the key a status stores. */
export const STATUS_CATEGORIES: Record<string, { id: number; key: string; colorName: string; name: string }> = {
  undefined: NO_CATEGORY,
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
};

const iconName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function issueTypeJson(baseUrl: string, type: IssueType) {
  return {
    self: `${baseUrl}/rest/api/2/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${baseUrl}/images/icons/issuetypes/${iconName(type.name)}.svg`,
    name: type.name,
    subtask: type.subtask,
  };
}

export function statusCategoryJson(baseUrl: string, category: (typeof STATUS_CATEGORIES)[string]) {
  return { self: `${baseUrl}/rest/api/2/statuscategory/${category.id}`, ...category };
}

export function statusJson(baseUrl: string, status: Status) {
  return {
    self: `${baseUrl}/rest/api/2/status/${status.id}`,
    description: status.description,
    iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(baseUrl, STATUS_CATEGORIES[status.category] ?? NO_CATEGORY),
  };
}

export function priorityJson(baseUrl: string, priority: Priority) {
  return {
    self: `${baseUrl}/rest/api/2/priority/${priority.id}`,
    statusColor: priority.color,
    description: priority.description,
    iconUrl: `${baseUrl}/images/icons/priorities/${iconName(priority.name)}.svg`,
    name: priority.name,
    id: priority.id,
  };
}

export function resolutionJson(baseUrl: string, resolution: Resolution) {
  return { self: `${baseUrl}/rest/api/2/resolution/${resolution.id}`, id: resolution.id, description: resolution.description, name: resolution.name };
}

/** A project as issues and lists show it (the full resource adds lead, issue types, description). */
export function projectRefJson(baseUrl: string, project: Project) {
  return {
    self: `${baseUrl}/rest/api/2/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    avatarUrls: { '48x48': `${baseUrl}/secure/projectavatar?pid=${project.id}` },
  };
}

/** Catalog entries in Jira's order: by numeric id. */
export function byNumericId<T extends { id: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => Number(a.id) - Number(b.id));
}
