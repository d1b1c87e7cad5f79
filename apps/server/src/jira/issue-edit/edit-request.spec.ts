import { parseDueDate, parseEdit } from './edit-request';

const edit = (fields: unknown, update?: unknown, allowResolution = false) => parseEdit(fields, update, { allowResolution });

describe('parseEdit', () => {
  it('reads the `fields` form', () => {
    expect(edit({ summary: ' New ', description: 'd', assignee: { name: 'alice' }, priority: { id: '2' }, duedate: '2027-01-31', labels: ['a', 'b'] })).toEqual({
      intent: {
        summary: 'New',
        description: 'd',
        assignee: 'alice',
        priority: { id: '2' },
        duedate: new Date(Date.UTC(2027, 0, 31)),
        labels: [{ op: 'set', labels: ['a', 'b'] }],
      },
      errors: {},
    });
  });

  it('reads the `update` form, operations in order, and comments to add', () => {
    const { intent, errors } = edit(undefined, {
      labels: [{ add: 'x' }, { remove: 'y' }, { set: ['z'] }],
      summary: [{ set: 'S' }],
      priority: [{ set: { name: 'Low' } }],
      comment: [{ add: { body: 'hi' } }],
    });
    expect(errors).toEqual({});
    expect(intent).toEqual({
      labels: [
        { op: 'add', label: 'x' },
        { op: 'remove', label: 'y' },
        { op: 'set', labels: ['z'] },
      ],
      summary: 'S',
      priority: { name: 'Low' },
      comments: ['hi'],
    });
  });

  it('clears with null', () => {
    expect(edit({ assignee: null, duedate: null, description: null }).intent).toEqual({ assignee: null, duedate: null, description: null });
    expect(edit({ assignee: { name: null }, description: '' }).intent).toEqual({ assignee: null, description: null });
  });

  it.each([
    ['an unknown field', { nosuch: 1 }, undefined, 'nosuch', /cannot be set/],
    ['a comment in fields', { comment: 'x' }, undefined, 'comment', /cannot be set/],
    ['a resolution outside a transition', { resolution: { name: 'Done' } }, undefined, 'resolution', /cannot be set/],
    ['an empty summary', { summary: '' }, undefined, 'summary', /must specify a summary/],
    ['a summary that is not text', { summary: 5 }, undefined, 'summary', /must specify a summary/],
    ['a long description', { description: 'x'.repeat(32_768) }, undefined, 'description', /too long/],
    ['a label with a space', { labels: ['a b'] }, undefined, 'labels', /contains spaces/],
    ['labels that are not a list', { labels: 'a' }, undefined, 'labels', /list/],
    ['an assignee by number', { assignee: 5 }, undefined, 'assignee', /name/],
    ['a priority without id or name', { priority: {} }, undefined, 'priority', /id/],
    ['a day that does not exist', { duedate: '2027-02-29' }, undefined, 'duedate', /Error parsing date string/],
    ['a date with a time', { duedate: '2027-01-01T00:00' }, undefined, 'duedate', /Error parsing date string/],
    ['an unsupported operation', undefined, { summary: [{ add: 'x' }] }, 'summary', /supports the operations set/],
    ['two operations in one entry', undefined, { labels: [{ add: 'x', remove: 'y' }] }, 'labels', /one per entry/],
    ['operations that are not a list', undefined, { labels: { add: 'x' } }, 'labels', /list/],
    ['an empty comment', undefined, { comment: [{ add: { body: ' ' } }] }, 'comment', /empty/],
    ['a field in both forms', { summary: 'a' }, { summary: [{ set: 'b' }] }, 'summary', /both/],
    ['fields that are not an object', [1], undefined, 'fields', /object/],
    ['too many fields', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 1])), undefined, 'fields', /At most 100/],
  ])('reports %s by field', (_label, fields, update, field, message) => {
    const { errors } = edit(fields, update);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('takes a resolution on a transition', () => {
    expect(edit({ resolution: { name: "Won't Do" } }, undefined, true)).toEqual({ intent: { resolution: { name: "Won't Do" } }, errors: {} });
  });
});

describe('parseDueDate', () => {
  it.each([
    ['2027-01-31', '2027-01-31T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2027-02-29', null],
    ['2027-13-01', null],
    ['27-01-01', null],
    ['', null],
  ])('%s', (text, iso) => {
    expect(parseDueDate(text)?.toISOString() ?? null).toBe(iso);
  });
});
