/**
 * Jira's edit body (`PUT /issue/{key}`, and the `fields`/`update` of a transition) read into what to
 * change. Both forms are accepted: `fields: {summary: "x"}` sets, `update: {labels: [{add: "x"}]}`
 * applies operations in order. Problems are reported by field id, as Jira does in `errors`.
 */
export type LabelOperation = { op: 'set'; labels: string[] } | { op: 'add' | 'remove'; label: string };

export interface EditIntent {
  summary?: string;
  description?: string | null;
  labels?: LabelOperation[];
  /** The assignee's user name; null unassigns. */
  assignee?: string | null;
  priority?: { id?: string; name?: string };
  /** A calendar day at midnight UTC; null clears it. */
  duedate?: Date | null;
  resolution?: { id?: string; name?: string };
  /** Comment bodies to add (`update: {comment: [{add: {body}}]}`). */
  comments?: string[];
}

export const MAX_SUMMARY_LENGTH = 255;
/** Jira's default limit for text fields (`jira.text.field.character.limit`). */
export const MAX_TEXT_LENGTH = 32_767;
export const MAX_LABEL_LENGTH = 255;
/** Operations on one field in one request at most; a label list at most this long. */
export const MAX_OPERATIONS = 100;

type Operation = 'set' | 'add' | 'remove';

interface FieldRule {
  operations: readonly Operation[];
  /** Reads one operation's value into the intent, or returns the problem. */
  apply(intent: EditIntent, operation: Operation, value: unknown): string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function labelProblem(label: unknown): string | null {
  if (typeof label !== 'string' || !label) return 'A label must be a non-empty string.';
  if (/\s/.test(label)) return `The label '${label.slice(0, MAX_LABEL_LENGTH)}' contains spaces which is invalid.`;
  if (label.length > MAX_LABEL_LENGTH) return `The label must not exceed ${MAX_LABEL_LENGTH} characters.`;
  return null;
}

/** `{id}` or `{name}` of a priority or resolution. */
function readRef(value: unknown): { id?: string; name?: string } | null {
  if (!isObject(value)) return null;
  if (typeof value['id'] === 'string' && value['id'].length <= 255) return { id: value['id'] };
  if (typeof value['name'] === 'string' && value['name'].length <= 255) return { name: value['name'] };
  return null;
}

/** Jira's date-only format; the day must exist (no 2026-02-30). */
export function parseDueDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value) ? date : null;
}

const RULES: Record<string, FieldRule> = {
  summary: {
    operations: ['set'],
    apply(intent, _operation, value) {
      if (typeof value !== 'string' || !value.trim()) return 'You must specify a summary of the issue.';
      if (value.length > MAX_SUMMARY_LENGTH) return `Summary must be less than ${MAX_SUMMARY_LENGTH + 1} characters.`;
      intent.summary = value.trim();
      return null;
    },
  },
  description: {
    operations: ['set'],
    apply(intent, _operation, value) {
      if (value !== null && typeof value !== 'string') return 'The description must be text.';
      if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) return `The entered text is too long. It exceeds the allowed limit of ${MAX_TEXT_LENGTH} characters.`;
      intent.description = value === '' ? null : value;
      return null;
    },
  },
  labels: {
    operations: ['set', 'add', 'remove'],
    apply(intent, operation, value) {
      const operations = (intent.labels ??= []);
      if (operation === 'set') {
        if (!Array.isArray(value)) return 'The labels must be a list of text.';
        if (value.length > MAX_OPERATIONS) return `An issue can have at most ${MAX_OPERATIONS} labels.`;
        const problem = value.map(labelProblem).find(Boolean);
        if (problem) return problem;
        operations.push({ op: 'set', labels: value as string[] });
      } else {
        const problem = labelProblem(value);
        if (problem) return problem;
        operations.push({ op: operation, label: value as string });
      }
      return null;
    },
  },
  assignee: {
    operations: ['set'],
    apply(intent, _operation, value) {
      if (value === null || (isObject(value) && value['name'] === null)) intent.assignee = null;
      else if (isObject(value) && typeof value['name'] === 'string' && value['name'].length <= 255) intent.assignee = value['name'];
      else return "The assignee must be {\"name\": \"<user name>\"} or null.";
      return null;
    },
  },
  priority: {
    operations: ['set'],
    apply(intent, _operation, value) {
      const ref = readRef(value);
      if (!ref) return 'The priority must be {"id": "…"} or {"name": "…"}.';
      intent.priority = ref;
      return null;
    },
  },
  duedate: {
    operations: ['set'],
    apply(intent, _operation, value) {
      if (value === null || value === '') intent.duedate = null;
      else {
        const date = typeof value === 'string' ? parseDueDate(value) : null;
        if (!date) return `Error parsing date string: ${String(value).slice(0, 40)}`;
        intent.duedate = date;
      }
      return null;
    },
  },
};

const COMMENT_RULE: FieldRule = {
  operations: ['add'],
  apply(intent, _operation, value) {
    const body = isObject(value) ? value['body'] : undefined;
    if (typeof body !== 'string' || !body.trim()) return 'Comment body can not be empty!';
    if (body.length > MAX_TEXT_LENGTH) return `The entered text is too long. It exceeds the allowed limit of ${MAX_TEXT_LENGTH} characters.`;
    (intent.comments ??= []).push(body);
    return null;
  },
};

const RESOLUTION_RULE: FieldRule = {
  operations: ['set'],
  apply(intent, _operation, value) {
    const ref = readRef(value);
    if (!ref) return 'The resolution must be {"id": "…"} or {"name": "…"}.';
    intent.resolution = ref;
    return null;
  },
};

export interface EditContext {
  /** A transition's screen also takes a resolution. */
  allowResolution: boolean;
}

function ruleFor(field: string, context: EditContext, form: 'fields' | 'update'): FieldRule | undefined {
  if (Object.hasOwn(RULES, field)) return RULES[field];
  if (field === 'comment' && form === 'update') return COMMENT_RULE;
  if (field === 'resolution' && context.allowResolution) return RESOLUTION_RULE;
  return undefined;
}

function cannotBeSet(field: string): string {
  return `Field '${field.slice(0, 255)}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

export interface ParsedEdit {
  intent: EditIntent;
  errors: Record<string, string>;
}

/** Reads `fields` and `update` (either may be absent) into one intent, or errors by field. */
export function parseEdit(fields: unknown, update: unknown, context: EditContext): ParsedEdit {
  const intent: EditIntent = {};
  const errors: Record<string, string> = {};
  if (fields !== undefined && fields !== null && !isObject(fields)) errors['fields'] = 'fields must be an object of field values.';
  if (update !== undefined && update !== null && !isObject(update)) errors['update'] = 'update must be an object of field operations.';
  if (Object.keys(errors).length) return { intent, errors };
  // Every key is answered (an error for unknown ones): a bound keeps the answer small.
  if (Object.keys(fields ?? {}).length + Object.keys(update ?? {}).length > MAX_OPERATIONS) {
    return { intent, errors: { fields: `At most ${MAX_OPERATIONS} fields can be changed in one request.` } };
  }

  for (const [field, value] of Object.entries(fields ?? {})) {
    const rule = ruleFor(field, context, 'fields');
    const problem = !rule ? cannotBeSet(field) : rule.apply(intent, 'set', value);
    if (problem) errors[field] = problem;
  }
  for (const [field, operations] of Object.entries(update ?? {})) {
    const rule = ruleFor(field, context, 'update');
    if (!rule) errors[field] = cannotBeSet(field);
    else if (isObject(fields) && Object.hasOwn(fields, field)) errors[field] = `Field '${field}' cannot be changed in both 'fields' and 'update'.`;
    else if (!Array.isArray(operations) || operations.length > MAX_OPERATIONS) errors[field] = `update.${field} must be a list of at most ${MAX_OPERATIONS} operations.`;
    else {
      for (const entry of operations) {
        const [operation, ...others] = isObject(entry) ? Object.keys(entry) : [];
        const problem =
          !operation || others.length || !rule.operations.includes(operation as Operation)
            ? `Field '${field}' supports the operations ${rule.operations.join(', ')}, one per entry.`
            : rule.apply(intent, operation as Operation, (entry as Record<string, unknown>)[operation]);
        if (problem) {
          errors[field] = problem;
          break;
        }
      }
    }
  }
  return { intent, errors };
}
