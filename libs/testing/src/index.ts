export { startServer, runServerToExit, freePort, SERVER_ENTRY, WORKSPACE_ROOT } from './server-process';
export type { RunningServer } from './server-process';
export { TcpProxy } from './tcp-proxy';
export { basic, cookieFrom, DEMO_PASSWORD, json, login } from './jira-http';
export type { LoginResponse } from './jira-http';
export { rawHttpExchange, rawHttpRequest } from './raw-http';
export type { RawHttpRequest, RawHttpResponse } from './raw-http';
