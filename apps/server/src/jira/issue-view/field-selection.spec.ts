import { ISSUE_FIELDS, parseExpand, selectFields } from './field-selection';

const ALL = ISSUE_FIELDS.map((field) => field.id);
const NAVIGABLE = ISSUE_FIELDS.filter((field) => field.navigable).map((field) => field.id);

describe('selectFields', () => {
  it.each([
    ['nothing given: the default (*all)', undefined, '*all', ALL],
    ['nothing given: the default (*navigable)', undefined, '*navigable', NAVIGABLE],
    ['an empty parameter: the default', [''], '*navigable', NAVIGABLE],
    ['*all', ['*all'], '*navigable', ALL],
    ['*navigable leaves out comment', ['*navigable'], '*all', NAVIGABLE],
    ['a list, in the catalogue order', ['status,summary'], '*all', ['summary', 'status']],
    ['a list given as several items', ['status', 'summary'], '*all', ['summary', 'status']],
    ['spaces around names', [' summary , labels '], '*all', ['summary', 'labels']],
    ['unknown names are ignored', ['summary,nosuch'], '*all', ['summary']],
    ['only unknown names: nothing', ['nosuch'], '*all', []],
    ['exclusions alone start from the default', ['-comment,-description'], '*all', ALL.filter((id) => id !== 'comment' && id !== 'description')],
    ['exclusions with *all', ['*all', '-labels'], '*navigable', ALL.filter((id) => id !== 'labels')],
    ['an exclusion wins over a name', ['summary,-summary,status'], '*all', ['status']],
    ['a name added to *navigable', ['*navigable,comment'], '*all', [...NAVIGABLE, 'comment']],
  ])('%s', (_label, items, fallback, expected) => {
    expect([...selectFields(items, fallback as '*all' | '*navigable')].sort()).toEqual([...expected].sort());
  });
});

describe('parseExpand', () => {
  it('keeps the expansions it knows and ignores the rest', () => {
    expect([...parseExpand(['names,renderedFields', 'operations', 'changelog'])].sort()).toEqual(['changelog', 'names', 'renderedFields']);
  });
  it('takes transitions.fields as transitions with their fields', () => {
    expect([...parseExpand(['transitions.fields'])].sort()).toEqual(['transitions', 'transitions.fields']);
  });
  it('is empty when nothing is asked for', () => {
    expect(parseExpand(undefined).size).toBe(0);
  });
});
