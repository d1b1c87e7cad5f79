import { jiraErrorBody, JiraMessages } from './jira-error';

describe('jiraErrorBody', () => {
  it('wraps one message in the envelope with an empty errors object', () => {
    expect(jiraErrorBody(JiraMessages.loginFailed)).toEqual({ errorMessages: ['Login failed'], errors: {} });
  });

  it('keeps several messages and field errors', () => {
    expect(jiraErrorBody(['a', 'b'], { jql: 'bad' })).toEqual({ errorMessages: ['a', 'b'], errors: { jql: 'bad' } });
  });
});
