import type { IssueChange, IssueChangeItem, User } from '@tokenshift/db';
import { formatJiraDate } from '@tokenshift/shared';
import { userJson } from '../user-json';

export type ChangeWithItems = IssueChange & { author: User | null; items: IssueChangeItem[] };

export const CHANGE_INCLUDE = { author: true, items: { orderBy: { id: 'asc' } } } as const;

/** Histories in one `changelog` at most: the latest ones, as Jira Server answers its latest 100. */
export const MAX_HISTORIES = 100;

/** Jira's `changelog` expansion: histories oldest first, each with the fields it changed. */
export function changelogJson(baseUrl: string, total: number, changes: ChangeWithItems[]) {
  return {
    startAt: total - changes.length,
    maxResults: changes.length,
    total,
    histories: changes.map((change) => ({
      id: String(change.id),
      author: change.author
        ? userJson(baseUrl, { name: change.author.name, email: change.author.email, displayName: change.author.displayName, active: change.author.active })
        : undefined,
      created: formatJiraDate(change.created),
      items: change.items.map((item) => ({
        field: item.field,
        fieldtype: item.fieldType,
        from: item.from,
        fromString: item.fromString,
        to: item.to,
        toString: item.toString,
      })),
    })),
  };
}
