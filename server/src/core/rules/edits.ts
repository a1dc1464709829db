/**
 * Minimal text edits for fixes: each replaces or inserts only what its title says, so every
 * other byte of the file (comments, blank lines, quoting) stays as the analyst wrote it.
 */
import type { Path } from '../document';
import type { TextEdit } from '../findings';
import type { DocumentModel } from '../model';

/** Replaces the value at `path` (which must exist) with `newText`. */
export function replaceValue(model: DocumentModel, path: Path, newText: string): TextEdit | undefined {
  const location = model.parsed.locate(path);
  if (!location) return undefined;
  return { span: location.value, newText };
}

/** The parsed value at `path`, to make sure an edit meets the kind of node it expects. */
function valueAt(model: DocumentModel, path: Path): unknown {
  let node: unknown = model.parsed.value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

const isMapping = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The line ending of the line holding `at`, so inserted lines match their neighbours even in a file of mixed endings. */
function eolOf(text: string, at: number): string {
  let newline = text.indexOf('\n', at);
  if (newline < 0) newline = text.lastIndexOf('\n', at);
  if (newline < 0) return '\n';
  return text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
}

/** The block mapping at `path`: where its last line ends and how far its keys are indented. */
function blockMapping(model: DocumentModel, path: Path): { lastLineEnd: number; indent: string } | undefined {
  const location = model.parsed.locate(path);
  if (!location || !isMapping(valueAt(model, path))) return undefined;
  const text = model.parsed.text;
  const { start, end } = location.value;
  if (text[start] === '{' || end <= start) return undefined; // flow mappings are left alone
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  const lines = model.parsed.lines;
  const startPos = lines.positionAt(start);
  // The indentation must be spaces only, up to the first key (after a `- ` for a list item).
  const before = text.slice(lines.lineStart(startPos.line), start);
  if (!/^[ ]*(- +)*$/.test(before)) return undefined;
  return { lastLineEnd: lines.lineEnd(lines.positionAt(last).line), indent: ' '.repeat(startPos.character) };
}

/** Adds `key: value` lines as the last entry of the block mapping at `path`, at its indentation. */
export function appendToMapping(model: DocumentModel, path: Path, lines: string[]): TextEdit | undefined {
  const mapping = blockMapping(model, path);
  if (!mapping) return undefined;
  const eol = eolOf(model.parsed.text, mapping.lastLineEnd);
  return { span: { start: mapping.lastLineEnd, end: mapping.lastLineEnd }, newText: lines.map((l) => eol + mapping.indent + l).join('') };
}

/** Adds `item` to the list at `path`: inside `[...]` for a flow list, as a new `- item` line for a block list. */
export function appendToList(model: DocumentModel, path: Path, item: string): TextEdit | undefined {
  const location = model.parsed.locate(path);
  if (!location || !Array.isArray(valueAt(model, path))) return undefined;
  const text = model.parsed.text;
  const { start, end } = location.value;
  if (text[start] === '[') {
    const close = text.lastIndexOf(']', end);
    if (close < start) return undefined;
    const empty = text.slice(start + 1, close).trim() === '';
    let at = close;
    while (at > start + 1 && text[at - 1] === ' ') at--;
    return { span: { start: at, end: at }, newText: empty ? item : `, ${item}` };
  }
  if (text[start] !== '-') return undefined;
  let last = end - 1;
  while (last > start && /\s/.test(text[last])) last--;
  const lines = model.parsed.lines;
  const lineEnd = lines.lineEnd(lines.positionAt(last).line);
  const indent = ' '.repeat(lines.positionAt(start).character);
  return { span: { start: lineEnd, end: lineEnd }, newText: `${eolOf(text, lineEnd)}${indent}- ${item}` };
}

/** Inserts whole lines before the line holding the key at `path` (a top-level key, say). */
export function insertLinesBefore(model: DocumentModel, path: Path, lines: string[]): TextEdit | undefined {
  const location = model.parsed.locate(path);
  const key = location?.key;
  if (!key) return undefined;
  const parsedLines = model.parsed.lines;
  const lineStart = parsedLines.lineStart(parsedLines.positionAt(key.start).line);
  if (model.parsed.text.slice(lineStart, key.start).trim() !== '') return undefined;
  const eol = eolOf(model.parsed.text, lineStart);
  return { span: { start: lineStart, end: lineStart }, newText: lines.map((l) => l + eol).join('') };
}

/** A whole amount of minor units as the analyst would type it: `3000000`, or `1250.50`. */
export function amountText(minor: number, digits: number): string {
  const unit = 10 ** digits;
  if (minor % unit === 0) return String(minor / unit);
  const abs = String(minor).padStart(digits + 1, '0');
  return `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
}
