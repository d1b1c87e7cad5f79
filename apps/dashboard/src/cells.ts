import { timeElement } from './dom';
import { formatDateTime, formatRelative } from './format';

/** A relative time ("3 days ago") with the exact UTC time as its tooltip. */
export function lastSeen(iso: string): HTMLTimeElement {
  return timeElement(iso, formatRelative(iso), formatDateTime(iso));
}
