export * from './jira-error';
export * from './jira-date';
export * from './principal';
export * from './api';
export * from './redact';
