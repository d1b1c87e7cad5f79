export * from './jira-error';
export * from './jira-date';
export * from './auth-mode';
export * from './api';
export * from './redact';
export * from './usage-drain-message';
