/**
 * Jira's REST date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (e.g. `2016-03-16T04:22:35.386+0000`):
 * like ISO 8601 but with a colon-free numeric offset. We always answer in UTC.
 */
export function formatJiraDate(date: Date): string;
export function formatJiraDate(date: Date | null | undefined): string | null;
export function formatJiraDate(date: Date | null | undefined): string | null {
  if (!date) return null;
  return date.toISOString().replace('Z', '+0000');
}
