import { assertValidSchedule, deprecationHeaders } from './deprecation-headers';

describe('deprecationHeaders', () => {
  const schedule = {
    deprecatedAt: new Date('2018-03-15T00:00:00Z'),
    sunsetAt: new Date('2018-12-01T00:00:00Z'),
    docsUrl: 'https://example.com/migrate',
  };

  it('formats Deprecation as an RFC 9745 date item and Sunset as an HTTP-date', () => {
    const headers = deprecationHeaders(schedule);
    expect(headers.Deprecation).toBe('@1521072000');
    expect(headers.Sunset).toBe('Sat, 01 Dec 2018 00:00:00 GMT');
  });

  it('links the migration guide as rel="deprecation" and rel="sunset"', () => {
    expect(deprecationHeaders({ ...schedule, sunsetUrl: 'https://example.com/sunset' }).Link).toBe(
      '<https://example.com/migrate>; rel="deprecation"; type="text/html", <https://example.com/sunset>; rel="sunset"; type="text/html"',
    );
  });

  it('adds the token page as a second Link field with rel="help" when there is one', () => {
    expect(deprecationHeaders({ ...schedule, helpUrl: 'https://jira.example.com/dashboard/tokens/' }).Link).toEqual([
      '<https://example.com/migrate>; rel="deprecation"; type="text/html", <https://example.com/migrate>; rel="sunset"; type="text/html"',
      '<https://jira.example.com/dashboard/tokens/>; rel="help"; type="text/html"',
    ]);
  });

  it('refuses a sunset before the deprecation date', () => {
    expect(() => assertValidSchedule({ ...schedule, sunsetAt: new Date('2018-01-01Z') })).toThrow(/RFC 9745/);
    expect(() => assertValidSchedule(schedule)).not.toThrow();
  });
});
