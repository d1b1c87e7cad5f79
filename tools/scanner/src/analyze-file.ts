import { analyzeText } from './analyzers/text-analyzers';
import { analyzeTree } from './analyzers/tree-analyzer';
import type { FindingsCollector } from './analyzers/findings-collector';
import type { Finding, LanguageId } from './model';
import { redact } from './redact';
import { ruleById, replacementFor } from './rules/catalog';
import { API_TOKEN, PREFILTER } from './rules/patterns';
import { PROFILES } from './syntax/profiles';

export interface FileAnalysis {
  /** False when the pre-filter ruled the file out before parsing. */
  parsed: boolean;
  findings: Omit<Finding, 'fingerprint'>[];
}

const EVIDENCE_WIDTH = 200;

export async function analyzeSource(source: string, language: LanguageId, file: string): Promise<FileAnalysis> {
  if (!PREFILTER.test(source)) return { parsed: false, findings: [] };
  const syntax = PROFILES[language];
  const collector = syntax ? await analyzeTree(source, language, syntax) : analyzeText(source, language);
  addApiTokens(source, collector);
  const lines = source.split('\n');
  const findings = collector.all().map((raw) => {
    const rule = ruleById(raw.ruleId);
    const lineText = (lines[raw.line - 1] ?? '').replace(/\r$/, '');
    return {
      ruleId: raw.ruleId,
      severity: raw.severity ?? rule.severity,
      file,
      line: raw.line,
      column: raw.column,
      language,
      message: raw.detail ? `${rule.title}: ${redact(raw.detail, collector.secrets)}` : rule.title,
      evidence: evidenceAround(redact(lineText, collector.secrets), raw.column),
      replacement: replacementFor(raw.ruleId, language),
    };
  });
  return { parsed: true, findings };
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
