import type { LanguageId } from '../model';

/**
 * Shell scripts that other files carry: Jenkins `sh """…"""` / `sh '…'` / `sh(script: "…")` steps in Groovy, and
 * CI steps in YAML (`run: |` in GitHub Actions, `script:` lists in GitLab CI, Ansible `shell:`/`command:`). The
 * host's own grammar reads them as one opaque string (or, for Groovy's triple quotes under the JavaScript
 * grammar, as broken code), so a `curl` that logs in there, or a cookie jar it fills for the next step, is
 * invisible to it.
 *
 * `embeddedShell` returns shell programs with the host's lines and columns: every character outside a script is
 * a blank, so a finding in a program is at the same line and column in the host file. The scripts of one CI job
 * are one program, so a jar written by one step and read by a later one (the steps of a job share the workspace)
 * is followed; another job runs elsewhere and gets a program of its own (with the file's top-level variables).
 * A Groovy file's steps are one program. Empty when the file carries no script. With `fold` (the scan), a folded
 * YAML script (`>`) is one command where YAML joins its lines; `fix` edits the host through these programs and
 * reads such a script line by line, so no edit is made across a join.
 */
export function embeddedShell(source: string, language: LanguageId, options: { fold?: boolean } = {}): string[] {
  const spans = language === 'groovy' ? groovySteps(source) : language === 'yaml' ? yamlScripts(source, options.fold ?? false) : [];
  const jobs = new Set(spans.map((span) => span.job).filter((job) => job !== ''));
  if (!spans.some((span) => span.script)) return [];
  return (jobs.size ? [...jobs] : ['']).map((job) => overlay(source, spans.filter((span) => span.job === job || span.job === '')));
}

function overlay(source: string, spans: Span[]): string {
  const out: string[] = Array.from(source, (char) => (char === '\n' || char === '\r' ? char : ' '));
  for (const { start, text } of spans) {
    for (let index = 0; index < text.length; index++) {
      const char = text.charAt(index);
      if (out[start + index] !== '\n') out[start + index] = char;
    }
  }
  // A folded line goes on on the next one: `\` where its newline was, the newline in the next line's first indentation
  // column (the same number of lines, so every finding keeps its line).
  for (const { start, text, joinNext } of spans) {
    const end = start + text.length;
    if (joinNext && source.charAt(end) === '\n' && source.charAt(end + 1) === ' ') {
      out[end] = '\\';
      out[end + 1] = '\n';
    }
  }
  return out.join('');
}

interface Span {
  /** Offset of the script's first character in the host source. */
  start: number;
  /** The script, as long as its span in the host (escapes replaced by a blank and the character they stand for). */
  text: string;
  /** The CI job it runs in ('' for the whole file: top-level variables, Groovy). */
  job: string;
  /** A script, not a variable. */
  script: boolean;
  /** The Groovy string quote around it (`"""`, `'''`, `"`, `'`); none for YAML. */
  quote?: string;
  /** A line of a folded YAML scalar that YAML joins to the next with a space (the scan reads it as one command). */
  joinNext?: boolean;
}

/** A Jenkins shell step: `sh`, `bash`, `sh(script: …)`, `sh returnStdout: true, script: …`, with any Groovy string quote. */
const GROOVY_STEP = /\b(?:sh|bash)\b\s*(?:\(\s*)?(?:[\w]+\s*:\s*[^,()'"\n]+,\s*)*(?:script\s*:\s*)?("""|'''|"|')/g;

/** The Jenkins shell steps of a Groovy file: where each script starts and ends, and its quote (for `fix`). */
export function groovyShellSteps(source: string): Array<{ start: number; end: number; quote: string }> {
  return groovySteps(source).map(({ start, text, quote = '"' }) => ({ start, end: start + text.length, quote }));
}

function groovySteps(source: string): Span[] {
  const spans: Span[] = [];
  for (const match of source.matchAll(GROOVY_STEP)) {
    const quote = match[1] ?? '"';
    const start = match.index + match[0].length;
    const end = closingQuote(source, start, quote);
    if (end < 0) continue;
    spans.push({ start, text: unescapeGroovy(source.slice(start, end)), job: '', script: true, quote });
  }
  return spans;
}

/** Where the string opened by `quote` at `start` ends (a one-character quote ends at the line's end at the latest). */
function closingQuote(source: string, start: number, quote: string): number {
  if (quote.length === 3) return source.indexOf(quote, start);
  for (let index = start; index < source.length; index++) {
    const char = source.charAt(index);
    if (char === '\\') index++;
    else if (char === quote) return index;
    else if (char === '\n') return -1;
  }
  return -1;
}

/**
 * Groovy's escapes as the shell receives them, keeping lengths: `\\` before a newline is the shell's line
 * continuation, `\$` a dollar, `\"` a quote.
 */
function unescapeGroovy(text: string): string {
  return text.replace(/\\([\\$"'])/g, ' $1');
}

/** The scripts of a CI file (not its variables): where each starts and ends, and its job (for `fix`). */
export function yamlScriptSpans(source: string): Array<{ start: number; end: number; job: string }> {
  return yamlScripts(source)
    .filter((span) => span.script)
    .map(({ start, text, job }) => ({ start, end: start + text.length, job }));
}

/** YAML keys whose value is a shell script or a list of commands. */
const SCRIPT_KEY = /^(\s*)(?:-\s+)?(?:run|script|before_script|after_script|shell|command|cmd|commands|inline)\s*:(?:\s+(.*))?$/;
/** Variables the scripts of a CI file see: GitHub Actions `env:`, GitLab CI `variables:`, Ansible `environment:`. */
const ENVIRONMENT_KEY = /^(\s*)(?:-\s+)?(?:env|variables|environment)\s*:\s*$/;
const BLOCK_SCALAR = /^[|>][-+0-9]*\s*(?:#.*)?$/;

function yamlScripts(source: string, fold = false): Span[] {
  const lines = source.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const spans: Span[] = [];
  const jobOf = ciJobs(lines);
  const add = (index: number, from: number, inline = false): void => {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    const text = withoutGithubExpressions(line.slice(from));
    // A quoted inline value (`run: "curl …"`): the quotes are YAML's, not the shell's.
    spans.push({ start: (offsets[index] ?? 0) + from, text: inline ? text.replace(/^(["'])(.*)\1(\s*)$/, ' $2 $3') : text, job: jobOf[index] ?? '', script: true });
  };
  // A plain list item's next line: YAML joins it to the item with a space.
  const continueItem = (index: number): void => {
    const previous = spans[spans.length - 1];
    if (previous && previous.start >= (offsets[index - 1] ?? 0) && previous.start < (offsets[index] ?? 0)) previous.joinNext = true;
    add(index, 0);
  };
  // A block scalar's lines; a folded one (`>`) joins its lines of the block's own indentation that follow each other.
  const addBlock = (header: string, taken: number[]): void => {
    const first = spans.length;
    taken.forEach((line) => add(line, 0));
    if (!fold || !header.startsWith('>')) return;
    const filled = (line: number): boolean => (lines[line] ?? '').trim() !== '';
    const base = taken.find(filled);
    const indent = base === undefined ? 0 : indentOf(lines[base] ?? '');
    taken.forEach((line, at) => {
      const next = taken[at + 1];
      const span = spans[first + at];
      const plain = (candidate: number): boolean => filled(candidate) && indentOf(lines[candidate] ?? '') === indent;
      if (span && next === line + 1 && plain(line) && plain(next)) span.joinNext = true;
    });
  };
  // `LOGIN_URL: ${{ vars.JIRA }}/rest/auth/1/session` under `env:` as the shell assignment `LOGIN_URL=$____…/rest/…`.
  const addVariable = (index: number): void => {
    const entry = /^(\s*)([A-Za-z_]\w*):(\s*)(.*?)\s*$/.exec((lines[index] ?? '').replace(/\r$/, ''));
    if (!entry) return;
    const [, indent = '', name = '', gap = '', value = ''] = entry;
    spans.push({ start: (offsets[index] ?? 0) + indent.length, text: `${name}=${withoutGithubExpressions(value)}${' '.repeat(gap.length + 1)}`, job: jobOf[index] ?? '', script: false });
  };
  for (let index = 0; index < lines.length; index++) {
    const environment = ENVIRONMENT_KEY.exec((lines[index] ?? '').replace(/\r$/, ''));
    if (environment) {
      index = blockLines(lines, index, (environment[1] ?? '').length, (line) => addVariable(line));
      continue;
    }
    const key = SCRIPT_KEY.exec((lines[index] ?? '').replace(/\r$/, ''));
    if (!key) continue;
    const indent = (key[1] ?? '').length;
    const value = (key[2] ?? '').trim();
    if (BLOCK_SCALAR.test(value)) {
      const taken: number[] = [];
      index = blockLines(lines, index, indent, (line) => taken.push(line));
      addBlock(value, taken);
    } else if (value && !/^[[{]/.test(value)) {
      const line = lines[index] ?? '';
      add(index, line.lastIndexOf(value), true);
    } else if (!value) {
      index = listItems(lines, index, indent, add, addBlock, fold ? continueItem : undefined);
    }
  }
  return spans;
}

/** A mapping key: a plain word (`deploy`, `.template`), words with spaces (`log in`), or a quoted string (`"post notes"`). */
const JOB_KEY = /^(\s*)("[^"\n]*"|'[^'\n]*'|[\w.][\w.-]*(?: [\w.-]+)*)\s*:(?:\s|$)/;
const LIST_ITEM_JOB = /^\s*-\s+(job|deployment|step)\s*:/;

/**
 * GitLab CI's top-level keywords that are no jobs: their `variables:` and `before_script:`/`after_script:` (also
 * under `default:`) are every job's.
 */
const GITLAB_GLOBAL = /^(?:variables|default|before_script|after_script|stages|image|services|cache|include|workflow)$/;

/**
 * The CI job of each line: the keys under a top-level `jobs:` (GitHub Actions), else the top-level keys (GitLab
 * CI) but its global keywords; '' before the first job and for what every job shares.
 */
function ciJobs(lines: string[]): string[] {
  const jobsLine = lines.findIndex((line) => /^jobs\s*:\s*$/.test(line.replace(/\r$/, '')));
  const firstChild = jobsLine < 0 ? undefined : lines.slice(jobsLine + 1).find((line) => line.trim() && !line.trimStart().startsWith('#'));
  const jobIndent = firstChild === undefined ? 0 : indentOf(firstChild);
  const jobs: string[] = [];
  let job = '';
  lines.forEach((line, index) => {
    const key = JOB_KEY.exec(line);
    if (key && (key[1] ?? '').length === jobIndent && (jobsLine < 0 || index > jobsLine)) job = jobsLine < 0 && GITLAB_GLOBAL.test(key[2] ?? '') ? '' : `${index}:${key[2] ?? ''}`;
    if (key && (key[1] ?? '').length < jobIndent) job = '';
    // Azure Pipelines' `- job:` / `- deployment:` and Bitbucket Pipelines' `- step:` run on machines of their own too.
    const item = LIST_ITEM_JOB.exec(line);
    if (item) job = `${index}:${item[1] ?? ''}`;
    jobs.push(job);
  });
  return jobs;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines of a block scalar after line `at` (deeper than `indent`); returns the last line taken. */
function blockLines(lines: string[], at: number, indent: number, take: (line: number) => void): number {
  let index = at + 1;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() && indentOf(line) <= indent) break;
    take(index);
  }
  return index - 1;
}

/**
 * `script:` followed by `- command` items (each possibly a `- |` block); returns the last line taken. With
 * `continueItem` (the scan), a plain item continued on more indented lines (YAML joins them with spaces) goes on
 * there; without it the list ends at such a line, as it always did for `fix`.
 */
function listItems(
  lines: string[],
  at: number,
  indent: number,
  add: (line: number, from: number, inline?: boolean) => void,
  addBlock: (header: string, taken: number[]) => void,
  continueItem?: (line: number) => void,
): number {
  let index = at + 1;
  let plainItem: number | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!line.trim()) continue;
    const item = /^(\s*)-\s+(.*)$/.exec(line);
    if (!item && continueItem && plainItem !== undefined && indentOf(line) > plainItem) {
      continueItem(index);
      continue;
    }
    if (!item || (item[1] ?? '').length < indent) break;
    const value = (item[2] ?? '').trim();
    plainItem = undefined;
    if (BLOCK_SCALAR.test(value)) {
      const taken: number[] = [];
      index = blockLines(lines, index, (item[1] ?? '').length, (line) => taken.push(line));
      addBlock(value, taken);
    } else {
      add(index, line.indexOf(value, (item[1] ?? '').length + 1), true);
      plainItem = (item[1] ?? '').length;
    }
  }
  return index - 1;
}

/**
 * GitHub expressions `${{ vars.URL }}` as a shell variable of the same length, which the shell can parse: its name is
 * the expression's words (`$___vars_URL___`), so that two expressions stay two variables (two jars, two hosts).
 */
function withoutGithubExpressions(text: string): string {
  return text.replace(/\$\{\{[^}]*\}\}/g, (expression) => `$${expression.slice(1).replace(/\W/g, '_')}`);
}
