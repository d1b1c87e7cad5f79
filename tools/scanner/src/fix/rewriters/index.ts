import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../../model';
import type { FixOptions, RewriteResult, ScanHints } from '../edits';
import { rewriteCSharp } from './csharp';
import { rewriteDart } from './dart';
import { DOTENV_REWRITER } from './dotenv';
import { rewriteElisp } from './elisp';
import { rewriteElixir } from './elixir';
import { rewriteGo } from './go';
import { rewriteGroovy } from './groovy';
import { rewriteJava } from './java';
import { rewriteJavaScript } from './javascript';
import { rewriteKotlin } from './kotlin';
import { rewriteLua } from './lua';
import { rewriteObjc } from './objc';
import { rewritePhp } from './php';
import { rewritePowerShell } from './powershell';
import { rewritePython } from './python';
import { rewriteRuby } from './ruby';
import { rewriteRust } from './rust';
import { rewriteShell } from './shell';
import { rewriteSwift } from './swift';
import { YAML_CI_NOTES } from './yaml-ci';

export type Rewriter = (source: string, root: Node, options: FixOptions, hints: ScanHints) => RewriteResult;

/** Languages `fix` rewrites; every other finding gets a manual note. */
export const REWRITERS: Partial<Record<LanguageId, Rewriter>> = {
  python: rewritePython,
  shell: rewriteShell,
  javascript: rewriteJavaScript,
  typescript: rewriteJavaScript,
  tsx: rewriteJavaScript,
  ruby: rewriteRuby,
  go: rewriteGo,
  php: rewritePhp,
  csharp: rewriteCSharp,
  java: rewriteJava,
  groovy: rewriteGroovy,
  kotlin: rewriteKotlin,
  powershell: rewritePowerShell,
  swift: rewriteSwift,
  lua: rewriteLua,
  rust: rewriteRust,
  dart: rewriteDart,
  objc: rewriteObjc,
  elixir: rewriteElixir,
  elisp: rewriteElisp,
};

/** Languages the scan reads by lines (no profile) whose rewriter parses with a grammar of its own (grammars.ts). */
export const FIX_GRAMMARS: Partial<Record<LanguageId, string>> = { powershell: 'powershell' };

/**
 * Languages read with a stand-in grammar (Groovy with JavaScript's): a tree with errors is still read, and a
 * rewrite counts as parsing when it adds no error node to those the original already had.
 */
export const TOLERANT_GRAMMARS: ReadonlySet<LanguageId> = new Set(['groovy']);

/** A rewriter for a format without a tree-sitter grammar: it parses the file itself (its grammar is line-shaped). */
export interface TextRewriter {
  rewrite(source: string, options: FixOptions, hints: ScanHints): RewriteResult;
  parses(text: string): boolean;
}

export const TEXT_REWRITERS: Partial<Record<LanguageId, TextRewriter>> = {
  dotenv: DOTENV_REWRITER,
  yaml: YAML_CI_NOTES,
};
