/**
 * The fast path of parseYaml: a small reader for the block YAML that frameworks and rate cards
 * are written in (block mappings and lists, plain and quoted one-line scalars, one-line flow
 * collections, `|` and `>` block scalars, comments). It gives the same values and spans as the
 * `yaml` library's Document model at a fraction of the cost. Whenever the text uses anything
 * else (anchors, tags, multi-line plain or quoted scalars, documents markers, tabs, lone CR,
 * duplicate keys, errors), it gives up and parseYaml takes the full `parseDocument` path, which
 * also reports the problems. Equivalence is tested in test/unit/document-fast.test.ts.
 */
import { LocationTree } from './locations';
import { BACKSLASH, COLON, CR, DASH, DQUOTE, GIVE_UP, HASH, LineReader, NL, SPACE, SQUOTE, resolvePlain } from './yaml-fast-text';
import { setOwn } from './records';
import type { PathSegment } from './paths';
import type { Span } from './ranges';

export interface FastParse {
  value: unknown;
  locations: LocationTree;
}


/** The value and spans of `text`, or undefined when the full parser must read it. */
export function parseFast(text: string): FastParse | undefined {
  // Windows line ends are fine; a carriage return anywhere else is not.
  if (/[\t\uFEFF]|\r(?!\n)/.test(text)) return undefined;
  try {
    return new FastReader(text).read();
  } catch {
    return undefined; // GIVE_UP, or anything unforeseen: the full parser decides
  }
}

interface Parsed {
  value: unknown;
  /** The node's span (the `yaml` library's range[0] and range[1]). */
  start: number;
  end: number;
  /** Where the node ends with its trailing comments (range[2]): a collection's span ends at its last value's. */
  end2: number;
}

class FastReader extends LineReader {
  private readonly locations = new LocationTree();

  read(): FastParse {
    this.skipBlank();
    if (this.line >= this.text.length) return { value: null, locations: this.locations };
    const indent = this.indentAt(this.line);
    const node = this.block(this.line + indent, -1, '', undefined);
    this.skipBlank();
    if (this.line < this.text.length) throw GIVE_UP; // less-indented content after the root: an error
    return { value: node.value, locations: this.locations };
  }

  private record(parent: number, segment: PathSegment, start: number, end: number, key: Span | undefined): void {
    this.locations.add(parent, segment, start, end, key);
  }

  // ---- block nodes ----

  /** A mapping or list starting at `offset` on the current line. */
  private block(offset: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    if (this.text.charCodeAt(offset) === DASH && this.isBreak(offset + 1)) return this.list(offset, parent, segment, key);
    if (this.keyAt(offset)) return this.mapping(offset, parent, segment, key);
    throw GIVE_UP; // a scalar alone on its lines (multi-line plain scalar, or a root scalar)
  }

  private mapping(first: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    const column = first - this.line;
    const compact = this.indentAt(this.line) !== column; // `- key: value`
    const slot = this.locations.open(parent, segment, first, key);
    const out: Record<string, unknown> = {};
    let offset = first;
    let last: Parsed | undefined;
    for (;;) {
      const entry = this.keyAt(offset);
      if (!entry) throw GIVE_UP;
      if (Object.prototype.hasOwnProperty.call(out, entry.key)) throw GIVE_UP; // the full parser reports it
      const keySpan = { start: offset, end: entry.end };
      last = this.value(entry.after, column, slot, entry.key, keySpan, true);
      setOwn(out, entry.key, last.value);
      this.skipBlank();
      if (this.line >= this.text.length) break;
      const indent = this.indentAt(this.line);
      if (indent < column) break;
      if (indent > column) throw GIVE_UP;
      offset = this.line + indent;
      if (this.text.charCodeAt(offset) === DASH && this.isBreak(offset + 1)) throw GIVE_UP;
    }
    this.locations.close(slot, last.end2);
    return { value: out, start: first, end: last.end2, end2: this.trailingComments(this.lineAfter(last.end2), column, last.end2, true, compact) };
  }

  private list(first: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    const column = first - this.line;
    const slot = this.locations.open(parent, segment, first, key);
    const out: unknown[] = [];
    let dash = first;
    let last: Parsed | undefined;
    for (;;) {
      const p = this.skipSpaces(dash + 1);
      const c = this.text.charCodeAt(p);
      if (c === DASH && this.isBreak(p + 1)) throw GIVE_UP; // a list in a list on one line
      if (c !== NL && c !== CR && c !== HASH && !Number.isNaN(c) && this.keyAt(p)) last = this.mapping(p, slot, out.length, undefined);
      else last = this.value(dash + 1, column, slot, out.length, undefined, false);
      out.push(last.value);
      this.skipBlank();
      if (this.line >= this.text.length) break;
      const indent = this.indentAt(this.line);
      if (indent < column) break;
      if (indent > column) throw GIVE_UP;
      dash = this.line + indent;
      if (!(this.text.charCodeAt(dash) === DASH && this.isBreak(dash + 1))) break; // a sibling key of the mapping that holds this list
    }
    // An empty last item after a comment line in the list: the library ends the list elsewhere (found by fuzzing).
    if (last.value === null && last.start === last.end && /\n[ ]*#/.test(this.text.slice(first, last.start))) throw GIVE_UP;
    this.locations.close(slot, last.end2);
    return { value: out, start: first, end: last.end2, end2: this.trailingComments(this.lineAfter(last.end2), column, last.end2, true) };
  }

  /** The value after `key:` or `-` (at `after`), whose collection sits at `column`. */
  private value(after: number, column: number, parent: number, segment: PathSegment, key: Span | undefined, inMapping: boolean): Parsed {
    const t = this.text;
    const p = this.skipSpaces(after);
    const c = t.charCodeAt(p);
    if (c === NL || c === CR || Number.isNaN(c) || c === HASH) return this.emptyOrBlock(p, c === HASH, column, parent, segment, key, inMapping);
    let node: Parsed;
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(p, column, parent, segment, key);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      node = this.flow(p, parent, segment, key);
      this.expectLineEnd(node.end);
    } else if (c === DQUOTE || c === SQUOTE) {
      node = this.quoted(p);
      this.expectLineEnd(node.end);
      this.record(parent, segment, node.start, node.end, key);
    } else {
      node = this.continued(this.plain(p), column);
      this.record(parent, segment, node.start, node.end, key);
    }
    this.line = this.nextLine(node.end);
    node.end2 = this.trailingComments(this.line, column + 1, this.line);
    return node;
  }

  /** Nothing after the indicator on its line: a nested block, or an empty (null) value. */
  private emptyOrBlock(p: number, hasComment: boolean, column: number, parent: number, segment: PathSegment, key: Span | undefined, inMapping: boolean): Parsed {
    const afterLine = this.nextLine(p);
    this.line = afterLine;
    this.skipBlank();
    if (this.line < this.text.length) {
      const indent = this.indentAt(this.line);
      const start = this.line + indent;
      if (indent > column) return this.block(start, parent, segment, key);
      if (indent === column && inMapping && this.text.charCodeAt(start) === DASH && this.isBreak(start + 1)) return this.list(start, parent, segment, key);
    }
    if (this.commentFollows(afterLine)) throw GIVE_UP; // the library folds such comments into the empty value
    this.record(parent, segment, p, p, key);
    // After a comment, the library's empty value runs on to where the next content starts.
    const end2 = !hasComment ? p : this.line < this.text.length ? this.line + this.indentAt(this.line) : this.text.length;
    return { value: null, start: p, end: p, end2 };
  }

  /** `|` or `>` with optional `-` chomping; its lines are indented more than `column`. */
  private blockScalar(p: number, column: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    const t = this.text;
    const folded = t.charCodeAt(p) === 62;
    let h = p + 1;
    const strip = t.charCodeAt(h) === DASH;
    if (strip) h++;
    this.expectLineEnd(h);
    let line = this.nextLine(h);
    const contentIndent = this.indentAt(line);
    const first = t.charCodeAt(line + contentIndent);
    if (contentIndent <= column || first === NL || first === CR || Number.isNaN(first)) throw GIVE_UP; // no content line right after the header
    const parts: string[] = [];
    let end = line;
    let blanks = 0;
    let value = '';
    while (line < t.length) {
      const indent = this.indentAt(line);
      const c = t.charCodeAt(line + indent);
      const blank = c === NL || c === CR || Number.isNaN(c);
      if (blank) {
        if (indent > contentIndent) throw GIVE_UP; // whitespace that is content
        blanks++;
      } else {
        if (indent < contentIndent) break;
        if (folded && indent > contentIndent) throw GIVE_UP; // more-indented lines fold differently
        const lineText = t.slice(line + contentIndent, this.lineEnd(line));
        if (parts.length === 0) value = lineText;
        else if (folded) value += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + lineText;
        else value += '\n'.repeat(blanks + 1) + lineText;
        parts.push(lineText);
        blanks = 0;
        end = this.nextLine(line);
      }
      line = this.nextLine(line);
    }
    if (!strip) value += '\n';
    this.line = end;
    this.record(parent, segment, p, end, key);
    return { value, start: p, end, end2: end };
  }

  // ---- scalars ----

  /** A plain scalar running to the end of its line or a comment. */
  private plain(p: number): Parsed {
    const t = this.text;
    const c = t.charCodeAt(p);
    if ('&*!%@`?:,[]{}'.includes(t[p]) || (c === DASH && this.isBreak(p + 1))) throw GIVE_UP;
    const lineEnd = this.lineEnd(p);
    let end = lineEnd;
    for (let i = p; i < lineEnd; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      if (ch === COLON && this.isBreak(i + 1)) throw GIVE_UP; // `key: a: b` is an error
    }
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    return { value: resolvePlain(t.slice(p, end)), start: p, end, end2: end };
  }

  /**
   * A plain scalar that goes on over the next lines, indented more than its `column` (long
   * titles wrapped by hand): lines fold into one, with a blank line kept as a line break.
   */
  private continued(first: Parsed, column: number): Parsed {
    const t = this.text;
    const after = this.skipSpaces(first.end);
    if (t.charCodeAt(after) === HASH) return first; // a comment ends it
    let text = t.slice(first.start, first.end);
    let end = first.end;
    let blanks = 0;
    for (let line = this.nextLine(first.end); line < t.length; line = this.nextLine(line)) {
      const indent = this.indentAt(line);
      const start = line + indent;
      const c = t.charCodeAt(start);
      if (c === NL || c === CR) {
        blanks++;
        continue;
      }
      if (Number.isNaN(c) || indent <= column || c === HASH) break;
      if ('-?:&*!|>\'"%@`[]{},'.includes(t[start])) throw GIVE_UP;
      let lineEnd = this.lineEnd(line);
      for (let i = start; i < lineEnd; i++) {
        const ch = t.charCodeAt(i);
        if ((ch === HASH && t.charCodeAt(i - 1) === SPACE) || (ch === COLON && this.isBreak(i + 1))) throw GIVE_UP;
      }
      while (lineEnd > start && t.charCodeAt(lineEnd - 1) === SPACE) lineEnd--;
      text += (blanks > 0 ? '\n'.repeat(blanks) : ' ') + t.slice(start, lineEnd);
      blanks = 0;
      end = lineEnd;
    }
    return end === first.end ? first : { value: resolvePlain(text), start: first.start, end, end2: end };
  }

  /** A one-line quoted scalar (escapes in double quotes go to the full parser; a backslash is plain text elsewhere). */
  private quoted(p: number): Parsed {
    const t = this.text;
    const quote = t.charCodeAt(p);
    let value = '';
    let from = p + 1;
    for (let i = p + 1; ; i++) {
      const ch = t.charCodeAt(i);
      if (ch === NL || ch === CR || Number.isNaN(ch)) throw GIVE_UP; // runs over lines
      if (ch === BACKSLASH && quote === DQUOTE) throw GIVE_UP; // escapes: the library reads them
      if (ch !== quote) continue;
      if (quote === SQUOTE && t.charCodeAt(i + 1) === SQUOTE) {
        value += t.slice(from, i + 1);
        from = i + 2;
        i++;
        continue;
      }
      value += t.slice(from, i);
      return { value, start: p, end: i + 1, end2: i + 1 };
    }
  }

  /** A `key:` at `offset` (plain or quoted, on one line): the key, its end, and the offset after the colon. */
  private keyAt(offset: number): { key: string; end: number; after: number } | undefined {
    const t = this.text;
    const c = t.charCodeAt(offset);
    if (c === DQUOTE || c === SQUOTE) {
      const node = this.quoted(offset);
      const colon = this.skipSpaces(node.end);
      if (t.charCodeAt(colon) !== COLON) return undefined;
      if (!this.isBreak(colon + 1)) throw GIVE_UP;
      return { key: node.value as string, end: node.end, after: colon + 1 };
    }
    if ('&*!%@`?:,[]{}#|>-'.includes(t[offset]) || c === NL || c === CR || Number.isNaN(c)) return undefined;
    const lineEnd = this.lineEnd(offset);
    for (let i = offset; i < lineEnd; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) return undefined;
      if (ch === COLON && this.isBreak(i + 1)) {
        let end = i;
        while (t.charCodeAt(end - 1) === SPACE) end--;
        if (end - offset > 1000) throw GIVE_UP; // the library limits implicit keys
        const raw = t.slice(offset, end);
        if (raw === '<<') throw GIVE_UP;
        return { key: String(resolvePlain(raw)), end, after: i + 1 };
      }
    }
    return undefined;
  }

  // ---- flow collections, on one line ----

  private flow(p: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    const t = this.text;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
    const slot = this.locations.open(parent, segment, p, key);
    let i = this.skipSpaces(p + 1);
    if (t.charCodeAt(i) !== close) {
      for (let index = 0; ; index++) {
        if (isMap) {
          const k = this.flowScalar(i, true);
          const colon = this.skipSpaces(k.end);
          if (t.charCodeAt(colon) !== COLON || t.charCodeAt(colon + 1) !== SPACE) throw GIVE_UP;
          const name = String(k.value);
          if (Object.prototype.hasOwnProperty.call(out, name)) throw GIVE_UP;
          i = this.skipSpaces(colon + 1);
          const v = this.flowItem(i, slot, name, { start: k.start, end: k.end });
          setOwn(out as Record<string, unknown>, name, v.value);
          i = v.end;
        } else {
          const v = this.flowItem(i, slot, index, undefined);
          (out as unknown[]).push(v.value);
          i = v.end;
        }
        i = this.skipSpaces(i);
        const c = t.charCodeAt(i);
        if (c === close) break;
        if (c !== 44 /* , */) throw GIVE_UP;
        i = this.skipSpaces(i + 1);
        if (t.charCodeAt(i) === close) throw GIVE_UP; // a trailing comma
      }
    }
    this.locations.close(slot, i + 1);
    return { value: out, start: p, end: i + 1, end2: i + 1 };
  }

  private flowItem(i: number, parent: number, segment: PathSegment, key: Span | undefined): Parsed {
    const c = this.text.charCodeAt(i);
    if (c === 91 || c === 123) return this.flow(i, parent, segment, key);
    const node = this.flowScalar(i, false);
    const after = this.skipSpaces(node.end);
    if (this.text.charCodeAt(after) === COLON) throw GIVE_UP; // a pair inside a list
    this.record(parent, segment, node.start, node.end, key);
    return node;
  }

  /** A quoted or plain scalar inside a flow collection. */
  private flowScalar(i: number, isKey: boolean): Parsed {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(i);
    // A lone `-` (before a space, a line end or `,]}`) starts a block list, which flow collections cannot hold.
    if ('&*!%@`?:,[]{}#|>\'"'.includes(t[i]) || c === NL || c === CR || c === SPACE || Number.isNaN(c) || (c === DASH && (this.isBreak(i + 1) || ',]}'.includes(t[i + 1])))) throw GIVE_UP;
    let end = i;
    for (;; end++) {
      const ch = t.charCodeAt(end);
      if (ch === NL || ch === CR || Number.isNaN(ch)) throw GIVE_UP; // runs over lines
      if (ch === 44 || ch === 93 || ch === 125 || ch === 91 || ch === 123) break;
      if (ch === COLON && (this.isBreak(end + 1) || ',]}'.includes(t[end + 1]))) break;
      if (ch === HASH && t.charCodeAt(end - 1) === SPACE) throw GIVE_UP;
    }
    if (!isKey && t.charCodeAt(end) === COLON) throw GIVE_UP;
    while (t.charCodeAt(end - 1) === SPACE) end--;
    return { value: resolvePlain(t.slice(i, end)), start: i, end, end2: end };
  }
}
