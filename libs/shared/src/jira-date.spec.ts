import { formatJiraDate } from './jira-date';

describe('formatJiraDate', () => {
  it("uses Jira's millisecond format with a colon-free UTC offset", () => {
    expect(formatJiraDate(new Date(Date.UTC(2016, 2, 16, 4, 22, 35, 386)))).toBe('2016-03-16T04:22:35.386+0000');
  });

  it('keeps unknown dates null, as Jira does for a user who never failed a login', () => {
    expect(formatJiraDate(null)).toBeNull();
    expect(formatJiraDate(undefined)).toBeNull();
  });
});
