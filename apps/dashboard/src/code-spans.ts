import { h } from './dom';

/** A run of text: plain, or a code span (a header, a path, a command). */
export interface TextPart {
  code: boolean;
  text: string;
}

/**
 * Splits the server's advice text at its markdown code spans (`` `GET /rest/api/2/myself` ``) into plain and
 * code runs. Only backticks mean anything: everything else, markup included, stays text. A backtick left
 * without its pair is kept as a character.
 */
export function codeSpans(text: string): TextPart[] {
  const pieces = text.split('`');
  // An even count of pieces means one backtick had no pair: it and what follows are plain text.
  const unpaired = pieces.length % 2 === 0 ? `\`${pieces.pop() ?? ''}` : '';
  const parts: TextPart[] = pieces.map((piece, i) => ({ code: i % 2 === 1, text: piece }));
  if (unpaired) parts.push({ code: false, text: unpaired });
  const merged: TextPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && !last.code && !part.code) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/** The text as an element whose code spans are `<code>` elements; all of it is set as text, never parsed as HTML. */
export function withCodeSpans(text: string, className = ''): HTMLSpanElement {
  return h('span', { className }, ...codeSpans(text).map((part) => (part.code ? h('code', {}, part.text) : part.text)));
}
