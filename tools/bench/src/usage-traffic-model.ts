// The made-up but plausible Jira API traffic that seed-usage-events.ts writes: who calls, with which
// client, what, and when. Weights are relative; the seed turns them into cumulative thresholds.

import { itemAt } from './item-at';

/** One kind of request, as the server's usage hooks would record it. */
export interface TrafficAction {
  kind: string;
  authMode: string;
  method: string;
  endpoint: string;
  status: number;
  /** No user is known (failed or refused logins). */
  anonymous?: boolean;
  weight: number;
}

const SEARCH = '/rest/api/2/search';
const ISSUE = '/rest/api/2/issue/:idOrKey';
const SESSION = '/rest/auth/1/session';

/** Deprecated uses: kept as raw events (and in the roll-ups). Every deprecated kind and auth mode appears. */
export const DEPRECATED_ACTIONS: TrafficAction[] = [
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: SEARCH, status: 200, weight: 28 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: ISSUE, status: 200, weight: 20 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: ISSUE, status: 404, weight: 1 },
  { kind: 'cookie-request', authMode: 'session', method: 'POST', endpoint: SEARCH, status: 200, weight: 5 },
  { kind: 'cookie-request', authMode: 'session', method: 'POST', endpoint: '/rest/api/2/issue', status: 201, weight: 4 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: '/rest/api/2/myself', status: 200, weight: 4 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: '/rest/api/2/field', status: 200, weight: 3 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: '/rest/api/latest/search', status: 200, weight: 4 },
  { kind: 'cookie-request', authMode: 'session', method: 'GET', endpoint: '/rest/api/latest/issue/:idOrKey', status: 200, weight: 3 },
  { kind: 'session-login', authMode: 'session', method: 'POST', endpoint: SESSION, status: 200, weight: 8 },
  { kind: 'session-login', authMode: 'session', method: 'POST', endpoint: '/rest/auth/latest/session', status: 200, weight: 1 },
  { kind: 'session-login', authMode: 'anonymous', method: 'POST', endpoint: SESSION, status: 401, anonymous: true, weight: 1 },
  { kind: 'session-get', authMode: 'session', method: 'GET', endpoint: SESSION, status: 200, weight: 3 },
  { kind: 'session-logout', authMode: 'session', method: 'DELETE', endpoint: SESSION, status: 204, weight: 3 },
  { kind: 'password-basic', authMode: 'basic-password', method: 'GET', endpoint: SEARCH, status: 200, weight: 4 },
  { kind: 'password-basic', authMode: 'basic-password', method: 'GET', endpoint: ISSUE, status: 200, weight: 3 },
  { kind: 'refused', authMode: 'session', method: 'GET', endpoint: SEARCH, status: 410, weight: 1.5 },
  { kind: 'refused', authMode: 'anonymous', method: 'POST', endpoint: SESSION, status: 410, anonymous: true, weight: 0.5 },
  { kind: 'would-refuse', authMode: 'session', method: 'GET', endpoint: SEARCH, status: 200, weight: 1 },
  { kind: 'would-refuse', authMode: 'session', method: 'GET', endpoint: ISSUE, status: 200, weight: 1 },
];

/** Token traffic: only counted in the hourly roll-ups, as the server does. */
export const TOKEN_ACTIONS: TrafficAction[] = [
  { kind: 'token-request', authMode: 'bearer-token', method: 'GET', endpoint: SEARCH, status: 200, weight: 30 },
  { kind: 'token-request', authMode: 'bearer-token', method: 'GET', endpoint: ISSUE, status: 200, weight: 25 },
  { kind: 'token-request', authMode: 'bearer-token', method: 'POST', endpoint: SEARCH, status: 200, weight: 5 },
  { kind: 'token-request', authMode: 'bearer-token', method: 'POST', endpoint: '/rest/api/2/issue', status: 201, weight: 5 },
  { kind: 'token-request', authMode: 'bearer-token', method: 'GET', endpoint: '/rest/api/2/myself', status: 200, weight: 5 },
  { kind: 'token-request', authMode: 'bearer-token', method: 'GET', endpoint: '/rest/api/2/field', status: 200, weight: 3 },
  { kind: 'token-request', authMode: 'basic-token', method: 'GET', endpoint: SEARCH, status: 200, weight: 12 },
  { kind: 'token-request', authMode: 'basic-token', method: 'GET', endpoint: ISSUE, status: 200, weight: 8 },
  { kind: 'token-request', authMode: 'basic-token', method: 'POST', endpoint: '/rest/api/2/issue', status: 201, weight: 3 },
  { kind: 'token-session-get', authMode: 'basic-token', method: 'GET', endpoint: SESSION, status: 200, weight: 4 },
];

/** A calling program: its `X-Tokenshift-Client` header (if it sends one) and its User-Agent. */
export interface TrafficClient {
  clientId: string | null;
  userAgent: string | null;
}

const USER_AGENTS = [
  'python-requests/2.28.1',
  'python-requests/2.31.0',
  'python-requests/2.32.3',
  'curl/7.88.1',
  'curl/8.5.0',
  'Apache-HttpClient/4.5.13 (Java/11.0.21)',
  'Apache-HttpClient/4.5.14 (Java/17.0.9)',
  'Java-http-client/17.0.9',
  'Go-http-client/1.1',
  'Go-http-client/2.0',
  'okhttp/4.12.0',
  'axios/0.27.2',
  'axios/1.6.7',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'undici',
  'Faraday v2.9.0',
  'Ruby',
  'PostmanRuntime/7.36.1',
  'insomnia/8.6.1',
  'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.19045; en-US) PowerShell/7.4.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Jenkins/2.426.3 jira-plugin/3.12',
  'Atlassian-CLI/9.6.0',
  'Terraform/1.7.0 terraform-provider-jira/0.1.20',
  'ansible-httpget',
  'Zapier',
  'n8n',
  'Microsoft Flow',
];

/** Scripts that name themselves with the client-id header (their User-Agent is a library's). */
const NAMED_CLIENTS = ['release-bot', 'jira-to-slack', 'nightly-report', 'sprint-sync', 'qa-dashboard', 'backup-export', 'oncall-pager'];

/** 37 clients: 29 User-Agents, 7 named scripts, and one that sends neither header. */
export const CLIENTS: TrafficClient[] = [
  ...USER_AGENTS.map((userAgent) => ({ clientId: null, userAgent })),
  ...NAMED_CLIENTS.map((clientId, i) => ({ clientId, userAgent: itemAt(USER_AGENTS, i % 3) })),
  { clientId: null, userAgent: null },
];

/** Requests per UTC hour of the day (office hours in Europe and the Americas, a quiet night). */
export const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 10, 9, 10, 10, 10, 9, 8, 6, 5, 4, 3, 2, 1];

/** Saturdays and Sundays carry this share of a weekday's traffic. */
export const WEEKEND_FACTOR = 0.3;

/** Users: `user0001`…; the first DEPRECATED_USERS of them still use the session login, every one uses tokens. */
export const USER_COUNT = 400;
export const DEPRECATED_USERS = 250;
/** Token calls per deprecated call over the whole period (~71 % of traffic on tokens). */
export const TOKEN_CALLS_PER_DEPRECATED_CALL = 2.5;
/**
 * A script does the same few things all day: this share of a user's calls is one of their
 * USUAL_ACTIONS actions (drawn once per user by the weights above), the rest any action.
 */
export const USUAL_ACTION_SHARE = 0.8;
export const USUAL_ACTIONS = 3;
/** Share of a user's calls made with their usual client (the rest with any client). */
export const USUAL_CLIENT_SHARE = 0.85;
/**
 * Skew of calls across users: user = floor(random()^skew × users), so with 2.5 the busiest 10 % of
 * the users (bots and CI jobs) make ~40 % of the calls.
 */
export const DEPRECATED_USER_SKEW = 2.5;
export const TOKEN_USER_SKEW = 1.5;

export const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Marta', 'Nils', 'Olga', 'Pablo', 'Qi', 'Rosa', 'Sven', 'Tariq'];
export const LAST_NAMES = ['Andersen', 'Becker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka'];

/** Cumulative lower bounds (0 … <1) for `width_bucket(random(), bounds)`, which then returns a 1-based index. */
export function lowerBounds(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const bounds: number[] = [];
  let running = 0;
  for (const weight of weights) {
    bounds.push(running / total);
    running += weight;
  }
  return bounds;
}

/** Splits `total` into integers proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = itemAt(counts, i) + 1;
  }
  return counts;
}
