import { embeddedShell, groovyShellSteps } from '../../analyzers/embedded-shell';
import { parserFor } from '../../syntax/grammars';
import { PROFILES } from '../../syntax/profiles';
import { outermostEdits, type Edit, type ManualNote, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { tokenComment } from '../token-comment';
import { credentialsFlag, rewriteShell } from './shell';

type Step = ReturnType<typeof groovyShellSteps>[number];

/** A rewrite of the shell a file carries, with the check its result must pass (the host has no grammar of its own). */
export interface EmbeddedRewrite extends RewriteResult {
  parses(text: string): Promise<boolean>;
}

/** Whether the shell program parses without errors. */
export async function shellParses(program: string): Promise<boolean> {
  const grammar = PROFILES.shell?.grammar;
  if (!grammar) return false;
  const parser = await parserFor(grammar);
  try {
    const tree = parser.parse(program);
    const clean = Boolean(tree && !tree.rootNode.hasError);
    tree?.delete();
    return clean;
  } finally {
    parser.delete();
  }
}

/**
 * Text the shell receives as it is, written inside the step's Groovy string: in `"""`/`"` (GStrings) `$` and `\`
 * are escaped, or Groovy would interpolate `$JIRA_EMAIL` itself; in `'''`/`'` only `\` (and the quote).
 */
function inGroovyString(text: string, quote: string): string {
  const specials = quote.startsWith('"') ? (quote === '"' ? /[\\$"]/g : /[\\$]/g) : quote === "'" ? /[\\']/g : /\\/g;
  return text.replace(specials, '\\$&');
}

/** An edge between `\` and the character it escapes (the program holds a blank where the host has the `\`). */
function splitsEscape(source: string, program: string, offset: number): boolean {
  return source.charAt(offset - 1) === '\\' && program.charAt(offset - 1) !== '\\';
}

/** The comment, as a line of its own inside the script, above the line of the first edit that sends the token. */
function commentEdit(source: string, program: string, edits: Edit[], steps: Step[], options: FixOptions): Edit | undefined {
  const first = edits.filter((edit) => edit.text.includes(options.tokenVar)).sort((a, b) => a.start - b.start)[0];
  const lineStart = first ? source.lastIndexOf('\n', first.start - 1) + 1 : -1;
  const step = steps.find((candidate) => candidate.start <= lineStart && lineStart < candidate.end);
  const indent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
  // Only where the line is the script's from its first column (not `sh "curl …"` on one line).
  if (!step || program.slice(lineStart, lineStart + indent.length + 1) !== source.slice(lineStart, lineStart + indent.length + 1)) return undefined;
  return { start: lineStart, end: lineStart, text: `${indent}${inGroovyString(`# ${tokenComment(options)}`, step.quote)}\n` };
}

/** Where the rewrite was refused: what to write in each step that logs in (the `$` escaped as its string needs). */
function refusalNotes(source: string, steps: Step[], options: FixOptions, hints: ScanHints): ManualNote[] {
  const lineOf = (offset: number): number => source.slice(0, offset).split('\n').length;
  return [...hints.loginLines]
    .map((line) => ({ line, step: steps.find((step) => lineOf(step.start) <= line && line <= lineOf(step.end)) }))
    .filter((entry): entry is { line: number; step: Step } => entry.step !== undefined)
    .map(({ line, step }) => ({
      line,
      note: `In this ${step.quote} sh step: delete the curl session login and its cookie jar, and give every curl that read the jar ${inGroovyString(credentialsFlag(options), step.quote)} instead of -b.`,
    }));
}

/**
 * Jenkins `sh """…"""` / `sh '…'` / `sh(script: …)` steps in Groovy: the shell rewriter (curl session login into a
 * cookie jar → `-u "$JIRA_EMAIL:$JIRA_API_TOKEN"` on each call) runs on the steps as one program (the scanner's
 * embeddedShell, which keeps the host's offsets), and each edit is written back inside its step's string, escaped
 * for that string. Refused (undefined) when an edit would reach outside a step, cut a Groovy escape, or bring text
 * the shell rewriter took from the script (its Groovy escapes are blanks in the program). The result must keep
 * the same steps and quotes, and its shell must parse.
 */
export async function rewriteGroovyShell(source: string, options: FixOptions, hints: ScanHints): Promise<EmbeddedRewrite | undefined> {
  const steps = groovyShellSteps(source);
  const [program] = embeddedShell(source, 'groovy');
  const grammar = PROFILES.shell?.grammar;
  if (!steps.length || !grammar || program?.length !== source.length) return undefined;
  const parser = await parserFor(grammar);
  const tree = parser.parse(program);
  parser.delete();
  // A script the bash grammar cannot read (a Groovy `${params.X}` in it, say): a person rewrites it.
  const readable = tree && !tree.rootNode.hasError ? rewriteShell(program, tree.rootNode, options, hints) : { edits: [], notes: [] };
  tree?.delete();
  const { edits, notes } = readable;
  const ownTexts = new Set(['', credentialsFlag(options)]);
  const refused: EmbeddedRewrite = { edits: [], notes: [...notes, ...refusalNotes(source, steps, options, hints)], parses: async () => false };
  if (!edits.length) return refused;
  const written: Edit[] = [];
  for (const edit of outermostEdits(edits)) {
    const step = steps.find((candidate) => candidate.start <= edit.start && edit.end <= candidate.end);
    const filler = /^[ \t]*:\n?$/.test(edit.text);
    if (!step || (!ownTexts.has(edit.text) && !filler) || splitsEscape(source, program, edit.start) || splitsEscape(source, program, edit.end)) return refused;
    const text = inGroovyString(edit.text, step.quote);
    // `"…"` just before the closing `"""` would close the string early.
    if (step.quote === '"""' && text.endsWith('"') && edit.end === step.end) return refused;
    written.push({ ...edit, text });
  }
  const comment = commentEdit(source, program, written, steps, options);
  const quotes = steps.map((step) => step.quote).join();
  return {
    edits: comment ? outermostEdits([comment, ...written]) : written,
    notes,
    async parses(text) {
      const [rewritten] = embeddedShell(text, 'groovy');
      const same = groovyShellSteps(text).map((step) => step.quote).join() === quotes;
      return same && rewritten !== undefined && (await shellParses(rewritten));
    },
  };
}
