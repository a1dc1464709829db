/**
 * Text-level helpers of the fast YAML path (yaml-fast.ts): lines, indentation, comments and
 * how the `yaml` library counts them into spans, and the core schema's reading of plain scalars.
 */

/** Thrown when the text needs the full parser; parseFast catches it. */
export const GIVE_UP = new Error('needs the full YAML parser');

export const SPACE = 32, NL = 10, CR = 13, HASH = 35, COLON = 58, DASH = 45, DQUOTE = 34, SQUOTE = 39, BACKSLASH = 92;

export class LineReader {
  /** Start offset of the current line. */
  protected line = 0;

  constructor(protected readonly text: string) {}


  /** Where the line holding `offset` ends, before its line break (`\n` or `\r\n`). */
  protected lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return this.text.charCodeAt(newline - 1) === CR && newline - 1 >= offset ? newline - 1 : newline;
  }

  /** Offset after the line break of the line holding `offset` (or the end of the text). */
  protected nextLine(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  /** The start of the line after a node that ends at `end` (which may be mid-line, for an empty value). */
  protected lineAfter(end: number): number {
    return end === 0 || this.text.charCodeAt(end - 1) === NL ? end : this.nextLine(end);
  }

  protected indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  /** Whether the line at `lineStart` is blank or only a comment. */
  protected isBlankOrComment(lineStart: number): boolean {
    const c = this.text.charCodeAt(lineStart + this.indentAt(lineStart));
    return c === NL || c === CR || c === HASH || Number.isNaN(c);
  }

  /** Moves to the next line with content; gives up on document markers and directives. */
  protected skipBlank(): void {
    while (this.line < this.text.length && this.isBlankOrComment(this.line)) this.line = this.nextLine(this.line);
    if (this.line < this.text.length) {
      const t = this.text;
      const c = t.charCodeAt(this.line);
      if (c === 37 /* % */) throw GIVE_UP;
      if ((t.startsWith('---', this.line) || t.startsWith('...', this.line)) && this.isBreak(this.line + 3)) throw GIVE_UP;
    }
  }

  /** Space, line break or end of text at `offset`. */
  protected isBreak(offset: number): boolean {
    const c = this.text.charCodeAt(offset);
    return c === SPACE || c === NL || c === CR || Number.isNaN(c);
  }

  /**
   * The end of the comment lines after `from` (blank lines between allowed) indented at least
   * `minIndent`: the `yaml` library counts them as part of the node before them (its range[2]).
   */
  protected trailingComments(from: number, minIndent: number, end: number, collection = false, compact = false): number {
    let line = from;
    let attached = false;
    while (line < this.text.length) {
      const indent = this.indentAt(line);
      const c = this.text.charCodeAt(line + indent);
      if (c === HASH) {
        if (indent < minIndent) {
          // After comments it took, the library may take shallower comments too (always after a
          // mapping that starts on a list item's line). Only one case is known for sure: a
          // comment at column 0 before content at column 0 starts the next entry.
          if (attached && collection && (compact || indent > 0 || !this.contentAtColumnZeroAfter(line))) throw GIVE_UP;
          // A shallower comment, then a deeper one: where the library ends the node is not known for sure.
          if (this.deeperCommentAfter(line, minIndent)) throw GIVE_UP;
          break;
        }
        end = this.nextLine(line);
        attached = true;
      } else if (c !== NL && c !== CR) break;
      line = this.nextLine(line);
    }
    // A collection that took comments also takes the blank lines after them, up to where the
    // next line's content starts (or the end of the text).
    if (attached && collection) return line < this.text.length ? line + this.indentAt(line) : this.text.length;
    return end;
  }

  /** Whether the next line with content after `from` (past comments and blank lines) is a key at column 0. */
  private contentAtColumnZeroAfter(from: number): boolean {
    for (let line = from; line < this.text.length; line = this.nextLine(line)) {
      const indent = this.indentAt(line);
      const c = this.text.charCodeAt(line + indent);
      // Only a key is known for sure: a list item at column 0 may let the library take the comment.
      if (c !== HASH && c !== NL && c !== CR) return indent === 0 && !(c === DASH && this.isBreak(line + 1));
    }
    return false;
  }

  /** Whether, before the next line with content after `from`, a comment is indented at least `minIndent`. */
  private deeperCommentAfter(from: number, minIndent: number): boolean {
    for (let line = from; line < this.text.length; line = this.nextLine(line)) {
      const indent = this.indentAt(line);
      const c = this.text.charCodeAt(line + indent);
      if (c === HASH) {
        if (indent >= minIndent) return true;
      } else if (c !== NL && c !== CR) return false;
    }
    return false;
  }

  /** Whether a comment line comes before the next line with content. */
  protected commentFollows(from: number): boolean {
    for (let line = from; line < this.text.length; line = this.nextLine(line)) {
      const c = this.text.charCodeAt(line + this.indentAt(line));
      if (c === HASH) return true;
      if (c !== NL && c !== CR) return false;
    }
    return false;
  }

  protected skipSpaces(offset: number): number {
    while (this.text.charCodeAt(offset) === SPACE) offset++;
    return offset;
  }

  /** After a value on a line: only spaces and a comment may follow. Returns the line's end. */
  protected expectLineEnd(offset: number): void {
    const p = this.skipSpaces(offset);
    const c = this.text.charCodeAt(p);
    if (c === NL || c === CR || Number.isNaN(c)) return;
    if (c === HASH && p > offset) return;
    throw GIVE_UP;
  }
}

const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, in the `yaml` library's order of tests. */
export function resolvePlain(raw: string): unknown {
  switch (raw) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const c = raw.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return raw;
  if (OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (INF_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}
