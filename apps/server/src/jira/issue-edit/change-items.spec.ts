import { applyLabelOperations, changeItems, EditableState } from './change-items';

const BEFORE: EditableState = {
  summary: 'S',
  description: null,
  labels: ['a', 'b'],
  assignee: null,
  priority: { id: '3', name: 'Medium' },
  dueDate: null,
  status: { id: '10000', name: 'To Do' },
  resolution: null,
};

describe('changeItems', () => {
  it('records nothing when nothing changed', () => {
    expect(changeItems(BEFORE, { ...BEFORE, labels: [...BEFORE.labels] })).toEqual([]);
  });

  it('records each changed field with ids in from/to and readable strings, in a fixed order', () => {
    const after: EditableState = {
      ...BEFORE,
      summary: 'T',
      labels: ['b', 'c'],
      assignee: { name: 'alice', displayName: 'Alice Example' },
      priority: { id: '1', name: 'Highest' },
      dueDate: new Date(Date.UTC(2027, 0, 2)),
      status: { id: '6', name: 'Closed' },
      resolution: { id: '10000', name: 'Done' },
    };
    expect(changeItems(BEFORE, after)).toEqual([
      { field: 'summary', fieldType: 'jira', from: null, fromString: 'S', to: null, toString: 'T' },
      { field: 'labels', fieldType: 'jira', from: null, fromString: 'a b', to: null, toString: 'b c' },
      { field: 'assignee', fieldType: 'jira', from: null, fromString: null, to: 'alice', toString: 'Alice Example' },
      { field: 'priority', fieldType: 'jira', from: '3', fromString: 'Medium', to: '1', toString: 'Highest' },
      { field: 'duedate', fieldType: 'jira', from: null, fromString: null, to: '2027-01-02', toString: '2027-01-02 00:00:00.0' },
      { field: 'status', fieldType: 'jira', from: '10000', fromString: 'To Do', to: '6', toString: 'Closed' },
      { field: 'resolution', fieldType: 'jira', from: null, fromString: null, to: '10000', toString: 'Done' },
    ]);
  });

  it('records a cleared value with null on the to side', () => {
    const before = { ...BEFORE, description: 'old', assignee: { name: 'alice', displayName: 'Alice' } };
    expect(changeItems(before, { ...before, description: null, assignee: null })).toEqual([
      { field: 'description', fieldType: 'jira', from: null, fromString: 'old', to: null, toString: null },
      { field: 'assignee', fieldType: 'jira', from: 'alice', fromString: 'Alice', to: null, toString: null },
    ]);
  });
});

describe('applyLabelOperations', () => {
  it('adds once, removes, and sets (without duplicates), in order', () => {
    expect(applyLabelOperations(['a'], [{ op: 'add', label: 'b' }, { op: 'add', label: 'a' }, { op: 'remove', label: 'a' }])).toEqual(['b']);
    expect(applyLabelOperations(['a'], [{ op: 'set', labels: ['x', 'x', 'y'] }, { op: 'add', label: 'z' }])).toEqual(['x', 'y', 'z']);
    expect(applyLabelOperations(['a'], [{ op: 'remove', label: 'nope' }])).toEqual(['a']);
  });
});
