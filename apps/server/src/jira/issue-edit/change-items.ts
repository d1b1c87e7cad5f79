import type { LabelOperation } from './edit-request';

/** A catalog entry (status, priority, resolution) as the history records it: its id and its name. */
export interface CatalogValue {
  id: string;
  name: string;
}

/** The values of an issue that edits and transitions change, as the history records them. */
export interface EditableState {
  summary: string;
  description: string | null;
  labels: string[];
  assignee: { name: string; displayName: string } | null;
  priority: CatalogValue;
  dueDate: Date | null;
  status: CatalogValue;
  resolution: CatalogValue | null;
}

/** One row of Jira's changelog `items`. */
export interface ChangeItem {
  field: string;
  fieldType: 'jira';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export function applyLabelOperations(labels: readonly string[], operations: readonly LabelOperation[]): string[] {
  let result = [...labels];
  for (const operation of operations) {
    if (operation.op === 'set') result = [...new Set(operation.labels)];
    else if (operation.op === 'add') result = result.includes(operation.label) ? result : [...result, operation.label];
    else result = result.filter((label) => label !== operation.label);
  }
  return result;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

type Describe = (state: EditableState) => { id: string | null; text: string | null };

/** How each recorded field is written in the history: Jira's `from`/`to` hold ids, the strings what people read. */
const RECORDED_FIELDS: Array<[string, Describe]> = [
  ['summary', (state) => ({ id: null, text: state.summary })],
  ['description', (state) => ({ id: null, text: state.description })],
  ['labels', (state) => ({ id: null, text: state.labels.join(' ') || null })],
  ['assignee', (state) => ({ id: state.assignee?.name ?? null, text: state.assignee?.displayName ?? null })],
  ['priority', (state) => ({ id: state.priority.id, text: state.priority.name })],
  ['duedate', (state) => ({ id: day(state.dueDate), text: state.dueDate ? `${day(state.dueDate)} 00:00:00.0` : null })],
  ['status', (state) => ({ id: state.status.id, text: state.status.name })],
  ['resolution', (state) => ({ id: state.resolution?.id ?? null, text: state.resolution?.name ?? null })],
];

/** The history items for the fields whose value differs between the two states. */
export function changeItems(before: EditableState, after: EditableState): ChangeItem[] {
  const items: ChangeItem[] = [];
  for (const [field, describe] of RECORDED_FIELDS) {
    const from = describe(before);
    const to = describe(after);
    if (from.id === to.id && from.text === to.text) continue;
    items.push({ field, fieldType: 'jira', from: from.id, fromString: from.text, to: to.id, toString: to.text });
  }
  return items;
}
