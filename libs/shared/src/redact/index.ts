export * from './credential-calls';
export * from './redact-evidence';
