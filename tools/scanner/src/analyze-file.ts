import { redactEvidence } from '@tokenshift/shared';
import type { Tree } from 'web-tree-sitter';
import { FindingsCollector } from './analyzers/findings-collector';
import { addEmbeddedShell } from './analyzers/embedded-shell-findings';
import { applyLineRules } from './analyzers/line-rules';
import { analyzeText, TEXT_FORMATS } from './analyzers/text-analyzers';
import { analyzeTree } from './analyzers/tree-analyzer';
import type { Finding, LanguageId, RawFinding } from './model';
import { ruleById, replacementFor } from './rules/catalog';
import { API_TOKEN, holdsSessionLogin, PREFILTER } from './rules/patterns';
import { grammarPath } from './syntax/grammars';
import { PROFILES } from './syntax/profiles';
import type { FileValues, ValueEntry, ValueTable } from './syntax/value-table';

export interface FileAnalysis {
  /** `filtered`: the pre-filter ruled the file out. `degraded`: no tree, line rules only (`reason` says why). */
  state: 'filtered' | 'parsed' | 'degraded';
  reason?: string;
  findings: Omit<Finding, 'fingerprint'>[];
  /** The file's values holding a piece of the auth path, for the repository table (first pass only). */
  definitions: ValueEntry[];
}

const EVIDENCE_WIDTH = 200;

/**
 * What tells a file talks to Jira: the product's name, its REST paths, or (holdsSessionLogin) a session login or
 * a login answer's session. Without it a
 * `JSESSIONID` (every servlet container's session cookie: a Java web app's filter, a test of one's own server) is
 * `info`; `cloud.session.token` and `studio.crowd.tokenkey` are Atlassian's own and stay findings.
 */
const JIRA_CONTEXT = /jira|atlassian|\/rest\/(?:api|agile|auth|greenhopper|servicedeskapi|raven)\b|auth\/(?:1|latest)\/session|\bsession(?:\.|->|\?\.|\[['"])(?:name|value)\b/i;

function asServletCookie(found: RawFinding): RawFinding {
  return { ...found, severity: 'info', detail: 'JSESSIONID, the session cookie of every Java servlet container; nothing in this file calls Jira' };
}

/**
 * A session cookie with its attributes (`JSESSIONID=…; Path=/; HttpOnly`) is a `Set-Cookie` a server sends: a
 * recorded answer (VCR cassette, HAR, nock fixture) or a server's own, not a cookie a client sends.
 */
const SET_COOKIE_ANSWER = /\b(?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)=[^;\s'"`]*;\s*(?:Path|Domain|Expires|Max-Age|HttpOnly|Secure|SameSite)\b/i;

function asSetCookieAnswer(found: RawFinding): RawFinding {
  return { ...found, severity: 'info', detail: 'a Set-Cookie with its attributes: an answer recorded or served, not a cookie sent' };
}

/**
 * A minified bundle (a line of thousands of characters, or hundreds on average): generated from sources or packages
 * that are what a migration changes, like the `dist/` and `*.min.js` the walk skips, but under any name
 * (`static/js/app.4f2c1.js`). Its findings are `info`.
 */
const BUNDLE_LINE = 5_000;
const BUNDLE_AVERAGE_LINE = 500;

function isMinifiedBundle(source: string, lines: string[]): boolean {
  if (source.length < BUNDLE_LINE) return false;
  return source.length / lines.length > BUNDLE_AVERAGE_LINE || lines.some((line) => line.length > BUNDLE_LINE);
}

function asBundled(found: RawFinding): RawFinding {
  return { ...found, severity: 'info', detail: 'in a minified bundle: change its source or the package it was built from' };
}

/**
 * JVM server code: a servlet, filter, controller or security configuration. Its JSESSIONID is the cookie of its own
 * sessions (`new Cookie("JSESSIONID", session.getId())`, `deleteCookies("JSESSIONID")`), unless the file also calls the
 * session resource (a proxy that logs in to Jira), which the caller checks.
 */
const JVM_SERVER_CODE = /\bHttpServlet(?:Request|Response)\b|\bServerHttp(?:Request|Response)\b|\bServerWebExchange\b|@WebServlet\b|@WebFilter\b|@(?:Rest)?Controller\b|\bHttpSecurity\b|\bextends\s+HttpServlet\b/;
const JVM_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['java', 'kotlin', 'groovy', 'scala']);

function servesItsOwnSessions(source: string, language: LanguageId, findings: RawFinding[]): boolean {
  if (!JVM_LANGUAGES.has(language) || !JVM_SERVER_CODE.test(source)) return false;
  return !findings.some((found) => found.severity !== 'info' && (found.ruleId === 'session-login-call' || found.ruleId === 'session-resource-path'));
}

function asOwnSessionCookie(found: RawFinding): RawFinding {
  return { ...found, severity: 'info', detail: "JSESSIONID of this server's own sessions (a servlet, filter, controller or security configuration); it calls no session login" };
}

/** Without a login answer in the file, its session cookies are JSESSIONID, by literal or through a constant. */
function isServletCookieOnly(line: string): boolean {
  return !/cloud\.session\.token|studio\.crowd\.tokenkey/.test(line);
}

/**
 * `grammarFile` tells where each grammar's .wasm is (tests point it at a missing or corrupt one). `values`: the
 * repository table, in the second pass; then the file is analyzed whatever the pre-filter says (it was chosen
 * for naming a value of the table).
 */
export async function analyzeSource(source: string, language: LanguageId, file: string, grammarFile = grammarPath, values?: ValueTable, parsed?: Tree): Promise<FileAnalysis> {
  if (!values && !PREFILTER.test(source)) return { state: 'filtered', findings: [], definitions: [] };
  const { collector, reason, definitions } = await collect(source, language, grammarFile, values?.forFile(file, language, source), file, parsed);
  await addEmbeddedShell(source, language, collector, grammarFile);
  addApiTokens(source, collector);
  const lines = source.split('\n');
  const servletOnly = !JIRA_CONTEXT.test(source) && !holdsSessionLogin(source);
  const bundled = isMinifiedBundle(source, lines);
  const raws = collector.all();
  const ownSessions = servesItsOwnSessions(source, language, raws);
  const findings = raws.map((found) => {
    const rule = ruleById(found.ruleId);
    const lineText = (lines[found.line - 1] ?? '').replace(/\r$/, '');
    // Also over an `info` the tree gave (a comparison, an assertion): the servlet container is the better reason.
    const cookie = found.ruleId === 'session-cookie';
    const servletCookie = cookie && isServletCookieOnly(lineText);
    const reason =
      servletCookie && servletOnly ? asServletCookie(found)
      : servletCookie && ownSessions && found.severity !== 'info' ? asOwnSessionCookie(found)
      : cookie && found.severity !== 'info' && SET_COOKIE_ANSWER.test(lineText) ? asSetCookieAnswer(found)
      : found;
    const raw = bundled && reason.severity !== 'info' ? asBundled(reason) : reason;
    return {
      ruleId: raw.ruleId,
      severity: raw.severity ?? rule.severity,
      file,
      line: raw.line,
      column: raw.column,
      language,
      message: raw.detail ? `${rule.title}: ${redactEvidence(raw.detail, collector.secrets)}` : rule.title,
      evidence: evidenceAround(redactEvidence(lineText, collector.secrets), raw.column),
      replacement: replacementFor(raw.ruleId, language),
    };
  });
  return { state: reason ? 'degraded' : 'parsed', reason, findings, definitions };
}

/** Findings from the tree, or from the file's own line grammar; line rules only when neither is there. */
async function collect(
  source: string,
  language: LanguageId,
  grammarFile: (grammar: string) => string,
  values: FileValues | undefined,
  file: string,
  parsed?: Tree,
): Promise<{ collector: FindingsCollector; reason?: string; definitions: ValueEntry[] }> {
  const syntax = PROFILES[language];
  if (TEXT_FORMATS.has(language)) return { collector: analyzeText(source, language), definitions: [] };
  let reason = language === 'text' ? 'no known language: line rules only' : `no grammar for ${language}: line rules only`;
  if (syntax) {
    try {
      return await analyzeTree(source, language, syntax, grammarFile(syntax.grammar), file, values, parsed);
    } catch (error) {
      reason = `the ${syntax.grammar} grammar failed (${(error as Error).message}): line rules only`;
    }
  }
  const collector = new FindingsCollector();
  applyLineRules(source.split(/\r?\n/), language, collector);
  collector.resolvePasswords();
  return { collector, reason, definitions: [] };
}

function addApiTokens(source: string, collector: FindingsCollector): void {
  if (!source.includes('tsk_')) return;
  for (const match of source.matchAll(API_TOKEN)) {
    const before = source.slice(0, match.index);
    const line = before.split('\n').length;
    collector.add('hardcoded-api-token', line, match.index - before.lastIndexOf('\n'), { secret: match[0] });
  }
}

/** The trimmed line, or a window around the column for long (minified) lines. */
function evidenceAround(line: string, column: number): string {
  const trimmed = line.trim();
  if (trimmed.length <= EVIDENCE_WIDTH) return trimmed;
  const start = Math.max(0, column - 1 - EVIDENCE_WIDTH / 4);
  return `…${line.slice(start, start + EVIDENCE_WIDTH).trim()}…`;
}
