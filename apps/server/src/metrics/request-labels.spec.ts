import type { FastifyRequest } from 'fastify';
import { routeOf, UNMATCHED_ROUTE } from '../usage/request-usage';
import { methodLabel, OTHER_METHOD } from './request-labels';

const requestFor = (routeUrl: string | undefined, url: string) => ({ routeOptions: { url: routeUrl }, url }) as unknown as FastifyRequest;

describe('request labels', () => {
  it('uses the route template of a matched route, never the URL that was asked for', () => {
    expect(routeOf(requestFor('/rest/api/2/issue/:issueIdOrKey', '/rest/api/2/issue/DEMO-1?fields=summary'))).toBe('/rest/api/2/issue/:issueIdOrKey');
  });

  it('gives every unmatched request the same route', () => {
    expect(routeOf(requestFor(undefined, '/no/such/path/4f2a'))).toBe(UNMATCHED_ROUTE);
  });

  it('keeps the common methods and folds every other into one value', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(methodLabel(method)).toBe(method);
    for (const method of ['PROPFIND', 'MKCOL', 'SEARCH', 'get', 'BREW']) expect(methodLabel(method)).toBe(OTHER_METHOD);
  });
});
