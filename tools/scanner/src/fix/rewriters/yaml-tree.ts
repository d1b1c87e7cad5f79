import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Edit } from '../edits';

/**
 * YAML through the `yaml` library's tree (docs/decisions.md): tree-sitter's YAML grammars do not parse on
 * web-tree-sitter 0.25, and `yaml` keeps every node's source range, so edits are still node ranges.
 */
export type YamlMap = YAMLMap<unknown, unknown>;

/** The file's documents, or undefined when any has an error (a file `fix` cannot read is left alone). */
export function yamlDocuments(source: string): Document.Parsed[] | undefined {
  const parsed = parseAllDocuments(source);
  if (!Array.isArray(parsed)) return (parsed as { errors: unknown[] }).errors.length ? undefined : [];
  return parsed.some((document) => document.errors.length) ? undefined : parsed;
}

export function yamlParses(text: string): boolean {
  return yamlDocuments(text) !== undefined;
}

/** A key's text (plain or quoted scalar keys), '' for anything else. */
export function keyOf(pair: Pair<unknown, unknown>): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

export function pairOf(map: YamlMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((pair) => keyOf(pair) === key);
}

/** One step of the path from a document's root down to an offset: the node, and the pair it is the value of. */
export interface PathStep {
  node: YamlNode;
  pair?: Pair<unknown, unknown>;
}

function contains(node: unknown, offset: number): node is YamlNode {
  const range = (node as YamlNode | null)?.range;
  return Boolean(range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1));
}

/** The nodes that hold `offset`, outermost first (maps, sequences, and the scalar itself). */
export function pathTo(documents: Document.Parsed[], offset: number): PathStep[] {
  const path: PathStep[] = [];
  let node: unknown = documents.find((document) => contains(document.contents, offset))?.contents;
  let pair: Pair<unknown, unknown> | undefined;
  while (contains(node, offset)) {
    path.push({ node, pair });
    const current: YamlNode = node;
    let next: unknown;
    pair = undefined;
    if (isMap(current)) {
      const found = current.items.find((item) => isPair(item) && (contains(item.value, offset) || contains(item.key, offset)));
      if (found && contains(found.value, offset)) [next, pair] = [found.value, found];
    } else if (isSeq(current)) next = current.items.find((item) => contains(item, offset));
    node = next;
  }
  return path;
}

/** Every scalar of the documents, with the key of the pair it is the value of ('' in a sequence or at the root). */
export function scalarsOf(documents: Document.Parsed[]): Array<{ scalar: Scalar; key: string; parent?: YamlNode }> {
  const found: Array<{ scalar: Scalar; key: string; parent?: YamlNode }> = [];
  const walk = (node: unknown, key: string, parent?: YamlNode): void => {
    if (isScalar(node)) found.push({ scalar: node, key, parent });
    else if (isMap(node)) node.items.forEach((pair) => walk(pair.value, keyOf(pair), node));
    else if (isSeq(node)) node.items.forEach((item) => walk(item, key, node));
  };
  documents.forEach((document) => walk(document.contents, ''));
  return found;
}

export function lineStartAt(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the line that holds `offset - 1` (a node's end): where a new line after it goes. */
function afterLineOf(source: string, end: number): number {
  if (end > 0 && source.charAt(end - 1) === '\n') return end;
  const newline = source.indexOf('\n', end);
  return newline < 0 ? source.length : newline + 1;
}

/** The column of a map's keys (they all share it in block style). */
function keyColumn(source: string, map: YamlMap): number | undefined {
  const first = map.items[0]?.key as YamlNode | undefined;
  if (!first?.range || map.flow) return undefined;
  return first.range[0] - lineStartAt(source, first.range[0]);
}

/**
 * Entries added to a block map's `env:`-like mapping (`key`), created at the end of the map when missing; names
 * already there are kept (all there: an empty edit). Undefined when the map or its entry is not in block style (a person adds them).
 */
export function addEntries(source: string, map: YamlMap, key: string, entries: Array<[string, string]>): Edit | undefined {
  const column = keyColumn(source, map);
  const last = map.items[map.items.length - 1];
  const lastEnd = (last?.value as YamlNode | null)?.range?.[1] ?? (last?.key as YamlNode | null)?.range?.[1];
  if (column === undefined || lastEnd === undefined) return undefined;
  const existing = pairOf(map, key);
  const lines = (indent: string, list: Array<[string, string]>): string => list.map(([name, value]) => `${indent}${name}: ${value}\n`).join('');
  if (!existing) {
    const at = afterLineOf(source, lastEnd);
    const gap = at === source.length && !source.endsWith('\n') ? '\n' : '';
    const indent = ' '.repeat(column);
    return { start: at, end: at, text: `${gap}${indent}${key}:\n${lines(`${indent}  `, entries)}` };
  }
  if (!isMap(existing.value) || existing.value.flow) return undefined;
  const inner = existing.value as YamlMap;
  const have = new Set(inner.items.map(keyOf));
  const missing = entries.filter(([name]) => !have.has(name));
  const innerColumn = keyColumn(source, inner);
  const innerEnd = (inner.items[inner.items.length - 1]?.value as YamlNode | null)?.range?.[1];
  if (innerColumn === undefined || innerEnd === undefined) return undefined;
  const at = afterLineOf(source, innerEnd);
  // Every name is there already: nothing to add (an empty edit, which applies as no change).
  if (!missing.length) return { start: at, end: at, text: '' };
  return { start: at, end: at, text: `${at === source.length && !source.endsWith('\n') ? '\n' : ''}${lines(' '.repeat(innerColumn), missing)}` };
}

/**
 * Removes a block sequence item whole: from the start of its `- ` line to the end of its last line. Undefined
 * when the item does not start its line (`- ` preceded by anything but indentation) or shares its last line.
 */
export function removeSequenceItem(source: string, item: YamlNode): Edit | undefined {
  const range = item.range;
  if (!range) return undefined;
  const start = lineStartAt(source, range[0]);
  if (!/^[ \t]*-[ \t]+$/.test(source.slice(start, range[0]))) return undefined;
  return wholeLines(source, start, range[1]);
}

/** Removes a block map's pair whole (key line to the end of its value); undefined when the key does not start its line. */
export function removePair(source: string, pair: Pair<unknown, unknown> | undefined): Edit | undefined {
  const keyStart = (pair?.key as YamlNode | null)?.range?.[0];
  const valueEnd = (pair?.value as YamlNode | null)?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const start = lineStartAt(source, keyStart);
  return /^[ \t]*$/.test(source.slice(start, keyStart)) ? wholeLines(source, start, valueEnd) : undefined;
}

/**
 * The lines from `start` (a line start) to the one holding `end`, when nothing but a comment follows on it; a
 * blank line after them goes too when one is left before them (the paragraph break stays single).
 */
function wholeLines(source: string, start: number, end: number): Edit | undefined {
  let after = afterLineOf(source, end);
  const rest = source.slice(end, after).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  const before = source.slice(lineStartAt(source, Math.max(start - 1, 0)), start);
  if ((start === 0 || /^(?:[ \t]*|---[ \t]*)\n$/.test(before)) && /^[ \t]*\n/.test(source.slice(after))) after = source.indexOf('\n', after) + 1;
  return { start, end: after, text: '' };
}
