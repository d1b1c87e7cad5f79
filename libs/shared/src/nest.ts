// What the server side shares that needs NestJS: a separate entry point, so the dashboard and the
// scanner, which import the wire shapes from '@tokenshift/shared', never pull in @nestjs/common.
export { JiraHttpException } from './jira-http.exception';
