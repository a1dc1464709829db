/**
 * Parses one YAML file into plain data plus the source span of every node, found by path.
 * Parsing never throws: whatever goes wrong becomes a problem with a span. Everyday files are
 * read by the fast path (yaml-fast.ts); anything else by the `yaml` library's parseDocument,
 * with the same values and spans (test/unit/document-fast.test.ts).
 */
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import { LineIndex, type Span } from './ranges';
import { LocationTree } from './locations';
import { parseFast } from './yaml-fast';
import type { NodeLocation, Path, PathSegment } from './paths';

export type { NodeLocation, Path, PathSegment } from './paths';

export interface ParseProblem {
  /** `yaml-syntax` for YAML errors; the caller reports them under that id. */
  code: 'yaml-syntax' | 'not-text' | 'too-large' | 'too-deep' | 'alias-expansion';
  message: string;
  span: Span;
  /**
   * The YAML's structure could not be read here (anything but a repeated key): what the library
   * made of the rest is a guess, so the file's schema, reference and rule findings are withheld.
   */
  structural?: boolean;
}

/** Files larger than this are reported rather than parsed: a rate card is never this big. */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;
/** The most bytes read of one file (by any host): its characters can take up to 4 bytes each in UTF-8. */
export const MAX_FILE_BYTES = MAX_FILE_CHARS * 4;
/** What a file too large to check is told: its real size (`size` in bytes, or characters of an editor's text). */
export function tooLargeMessage(size: number): string {
  const mb = size / (1024 * 1024);
  return `This file is ${mb >= 10 ? Math.round(mb).toLocaleString('en-GB') : mb.toFixed(1)} MB. Outcome Frameworks checks files of up to ${MAX_FILE_CHARS / (1024 * 1024)} MB; split the framework or rate card into smaller files.`;
}

/** Deeper nesting than this is reported rather than parsed: real files nest about 6 deep. */
export const MAX_DEPTH = 200;
/** An alias may expand to at most this many nodes in all: stops alias bombs. */
export const MAX_ALIAS_NODES = 10_000;

export function pointer(path: Path): string {
  let out = '';
  for (const segment of path) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

export function parsePointer(text: string): PathSegment[] {
  if (text === '') return [];
  return text
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export class ParsedYaml {
  readonly lines: LineIndex;
  value: unknown = undefined;
  readonly problems: ParseProblem[] = [];
  /** Which reader built the value: the fast path, the `yaml` library's Document, or none (refused). */
  parsedBy: 'fast' | 'yaml' | 'none' = 'none';
  /**
   * Set when this parse was made from `previous` by an edit inside the one plain scalar at `path`
   * (yaml-edit.ts): every offset from `at` (the old scalar's end) on moved by `delta`. Only the
   * latest step is kept (the previous parse's own link is dropped), so parses never form a chain.
   */
  editOf?: { previous: ParsedYaml; path: Path; at: number; delta: number };
  /** Set once this value passed its kind's schema (schema.ts), so that an edit that cannot change that need not validate again. */
  validAs?: string;
  private readonly locations = new Map<string, NodeLocation>();
  /** The fast path's spans, when it read the file. */
  private tree?: LocationTree;

  /** `lines`: the index of this text when the caller has it already (an edit that added no line). */
  constructor(readonly text: string, lines?: LineIndex) {
    this.lines = lines ?? new LineIndex(text);
  }

  /** Where the node at `path` is, if it exists in the source. */
  locate(path: Path): NodeLocation | undefined {
    return this.tree ? this.tree.find(path) : this.locations.get(pointer(path));
  }

  /** The deepest existing node on `path`, and how much of the path it covers. */
  nearest(path: Path): { depth: number; location: NodeLocation } {
    if (this.tree) return this.tree.nearest(path) ?? { depth: 0, location: { value: { start: 0, end: 0 } } };
    for (let depth = path.length; depth >= 0; depth--) {
      const location = this.locations.get(pointer(path.slice(0, depth)));
      if (location) return { depth, location };
    }
    return { depth: 0, location: { value: { start: 0, end: 0 } } };
  }

  /** The span to underline for a node: its value, or the key when `preferKey`. */
  spanOf(path: Path, preferKey = false): Span {
    if (this.tree) return this.tree.spanOf(path, preferKey) ?? { start: 0, end: 0 };
    const { location } = this.nearest(path);
    return preferKey && location.key ? location.key : location.value;
  }

  /** The raw source text of a scalar, so that amounts keep the digits the analyst typed. */
  sourceOf(path: Path): string | undefined {
    const location = this.locate(path);
    return location ? this.text.slice(location.value.start, location.value.end) : undefined;
  }

  /** @internal used by the parser below */
  record(path: Path, location: NodeLocation): void {
    this.locations.set(pointer(path), location);
  }

  /** @internal the fast path hands over all its spans at once. */
  adoptTree(tree: LocationTree): void {
    this.tree = tree;
  }

  /** @internal the fast path's spans, for re-reading a file after an edit of one scalar (yaml-edit.ts). */
  fastTree(): LocationTree | undefined {
    return this.parsedBy === 'fast' ? this.tree : undefined;
  }

  /** Calls `visit` with the span of every value in the source (collections and scalars alike). */
  forEachValueSpan(visit: (start: number, end: number) => void): void {
    if (this.tree) this.tree.forEachValueSpan(visit);
    else for (const location of this.locations.values()) visit(location.value.start, location.value.end);
  }

  /** @internal every recorded span by JSON pointer, for the equivalence tests. */
  locationEntries(): [string, NodeLocation][] {
    return this.tree ? this.tree.entries().map(([path, location]) => [pointer(path), location]) : [...this.locations];
  }
}

export interface ParseOptions {
  /** Try the fast reader first (the default); false always uses the `yaml` library's Document. */
  fastPath?: boolean;
}

// The `yaml` library reads only what the fast path declines: loaded then, not at start (setting
// up its modules costs several milliseconds of every CLI run).
let yaml: typeof Yaml | undefined;
function yamlLibrary(): typeof Yaml {
  return (yaml ??= require('yaml') as typeof Yaml);
}

export function parseYaml(text: string, options: ParseOptions = {}): ParsedYaml {
  const parsed = new ParsedYaml(text);
  const refusal = refuseBeforeParsing(text);
  if (refusal) {
    parsed.problems.push(refusal);
    return parsed;
  }
  // Most files are plain block YAML: read them without building the library's Document model,
  // which is most of the time on large files. Anything unusual falls through to parseDocument.
  if (options.fastPath !== false) {
    const fast = parseFast(text);
    if (fast) {
      parsed.value = fast.value;
      parsed.adoptTree(fast.locations);
      parsed.parsedBy = 'fast';
      return parsed;
    }
  }
  parsed.parsedBy = 'yaml';
  let document: Document.Parsed;
  try {
    document = yamlLibrary().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  } catch (error) {
    parsed.problems.push({ code: 'yaml-syntax', structural: true, message: `The YAML could not be read: ${(error as Error).message}`, span: { start: 0, end: Math.min(text.length, firstLineEnd(text)) } });
    return parsed;
  }
  // One mistake, one message: after a broken line the library guesses at the structure and each
  // guess adds an error (an unclosed `[` gives three). Only the first is the analyst's mistake;
  // the rest are its cascade, so only the first syntax error of the file is reported. Fixing it
  // shows the next, if there is one. A repeated key breaks nothing around it: each is reported.
  const errors = [...document.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const first = errors.find((error) => error.code !== 'DUPLICATE_KEY');
  for (const error of errors) {
    if (error.code === 'DUPLICATE_KEY') parsed.problems.push({ code: 'yaml-syntax', ...syntaxProblem(text, error.code, error.message, error.pos) });
    else if (error === first) parsed.problems.push({ code: 'yaml-syntax', structural: true, ...syntaxProblem(text, error.code, error.message, error.pos) });
  }
  const walker = new Walker(parsed, document);
  try {
    parsed.value = walker.walk(document.contents as Node | null, [], undefined);
  } catch (error) {
    // Parsing never throws: whatever the walk could not handle becomes a problem.
    parsed.value = undefined;
    parsed.problems.push({ code: 'yaml-syntax', structural: true, message: `The YAML could not be read: ${(error as Error).message}`, span: { start: 0, end: Math.min(text.length, firstLineEnd(text)) } });
  }
  return parsed;
}

class Walker {
  /** Nodes that alias expansions may still produce, across the whole document. */
  private aliasBudget = MAX_ALIAS_NODES;
  /** The nodes whose aliases are being expanded now: meeting one again means an alias inside its own anchor. */
  private readonly expanding = new Set<Node>();
  private selfReference = false;

  constructor(private readonly parsed: ParsedYaml, private readonly document: Document.Parsed) {}

  /** Builds the plain value of `node`, recording spans unless inside an alias expansion. */
  walk(node: Node | null | undefined, path: PathSegment[], keySpan: Span | undefined, inAlias = false): unknown {
    const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary();
    if (node == null) return null;
    const range = node.range;
    if (!inAlias && range) this.parsed.record(path, { value: { start: range[0], end: range[1] }, key: keySpan });
    if (inAlias && --this.aliasBudget < 0) return null;
    if (isScalar(node)) return node.value;
    if (isAlias(node)) {
      if (this.aliasBudget < 0) return null; // reported once already
      const target = node.resolve(this.document) as Node | undefined;
      if (!target) return null;
      if (this.expanding.has(target)) {
        this.selfReference = true; // reported at the alias written outside its anchor, below
        return null;
      }
      this.expanding.add(target);
      const value = this.walk(target, path, keySpan, true);
      this.expanding.delete(target);
      if (this.selfReference && !inAlias) {
        this.selfReference = false;
        if (range) this.parsed.problems.push({ code: 'alias-expansion', message: `The alias *${node.source} is inside the value it names, so that value would never end. Write the values out instead.`, span: { start: range[0], end: range[1] } });
        return null;
      }
      if (this.aliasBudget < 0 && range && !inAlias) {
        this.parsed.problems.push({
          code: 'alias-expansion',
          message: `The alias *${node.source} expands to more than ${MAX_ALIAS_NODES.toLocaleString('en-GB')} values. Aliases this large are a way to exhaust memory (an "alias bomb"); write the values out instead.`,
          span: { start: range[0], end: range[1] },
        });
        return null;
      }
      return value;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const keyValues = new Map<string, unknown>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : keyNode == null ? '' : String(keyNode);
        const keyValue = isScalar(keyNode) ? keyNode.value : keyNode;
        const keyRange = keyNode?.range;
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          // The library reports keys equal as values; `2023` and `"2023"` are one key here, so report those too.
          if (keyValues.get(key) !== keyValue && !inAlias && keyRange) this.parsed.problems.push({ code: 'yaml-syntax', message: yamlMessage('DUPLICATE_KEY', ''), span: { start: keyRange[0], end: keyRange[1] } });
          continue;
        }
        keyValues.set(key, keyValue);
        const childKeySpan = keyRange ? { start: keyRange[0], end: keyRange[1] } : undefined;
        path.push(key);
        const value = item.value == null ? null : this.walk(item.value as Node, path, childKeySpan, inAlias);
        if (item.value == null && !inAlias && childKeySpan) {
          // `key:` with nothing after it: point at the key itself.
          this.parsed.record(path, { value: { start: childKeySpan.end, end: childKeySpan.end }, key: childKeySpan });
        }
        path.pop();
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, index) => {
        path.push(index);
        out.push(this.walk(item as Node | null, path, undefined, inAlias));
        path.pop();
      });
      return out;
    }
    return null;
  }
}

/** Cheap checks that keep pathological input away from the parser. */
function refuseBeforeParsing(text: string): ParseProblem | undefined {
  if (text.length > MAX_FILE_CHARS) return { code: 'too-large', message: tooLargeMessage(text.length), span: { start: 0, end: firstLineEnd(text) } };
  const nul = text.indexOf('\u0000');
  if (nul >= 0 || countReplacementChars(text) > 8) {
    return { code: 'not-text', message: 'This file is not text (it holds binary data), so it cannot be a framework or rate card.', span: { start: 0, end: Math.min(firstLineEnd(text), 80) } };
  }
  // One pass over the character codes: this runs on every parse, so it avoids strings. Quotes
  // and flow brackets count only where a value starts (`Children's` or `[16, 25)` in prose
  // opens nothing), and the lines of a `|` or `>` block scalar are text, not structure.
  let flowDepth = 0;
  let atLineStart = true;
  let lineStart = 0;
  let indent = 0;
  let quote = 0; // the open quote's code, or 35 (#) inside a comment, or 0
  let previous = 0; // the last character that was not a space on this line, outside quotes (0: none)
  let spaced = false; // whether a space came after it
  let blockIndent = -1; // inside a block scalar: the spaces before its header line's content
  let pendingBlock = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      lineStart = i + 1;
      indent = 0;
      previous = 0;
      spaced = false;
      if (pendingBlock >= 0) {
        blockIndent = pendingBlock;
        pendingBlock = -1;
      }
      if (quote === 39 || quote === 34) continue;
      quote = 0;
      continue;
    }
    if (blockIndent >= 0 && i === lineStart) {
      // A block scalar's line: skip it when it is blank or indented more than the header's line.
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      const first = text.charCodeAt(j);
      if (j - i > blockIndent || first === 10 || first === 13 || Number.isNaN(first)) {
        const newline = text.indexOf('\n', j);
        if (newline < 0) break;
        i = newline - 1;
        continue;
      }
      blockIndent = -1;
    }
    if (atLineStart) {
      const next = text.charCodeAt(i + 1);
      if (c === 32 || ((c === 45 || c === 63) && (next === 32 || next === 10))) {
        indent++;
        if (indent > MAX_DEPTH * 4) return tooDeep(i, i + 1);
        if (c === 32) spaced = true;
        else {
          previous = c;
          spaced = false;
        }
        continue;
      }
      atLineStart = false;
    }
    if (quote) {
      if (c === quote && quote !== 35) quote = 0;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      spaced = true;
      continue;
    }
    const valueStart = previous === 0 || previous === 91 || previous === 123 || previous === 44 || ((previous === 58 || previous === 45 || previous === 63) && spaced) || (previous === 58 && flowDepth > 0);
    if (c === 35 && (i === 0 || isWhitespace(text.charCodeAt(i - 1)))) quote = 35;
    else if ((c === 34 || c === 39) && valueStart) quote = c;
    else if ((c === 91 || c === 123) && (valueStart || flowDepth > 0 || previous === 34 || previous === 39)) {
      if (++flowDepth > MAX_DEPTH) return tooDeep(i, i + 1);
    } else if ((c === 93 || c === 125) && flowDepth > 0) flowDepth--;
    else if ((c === 124 || c === 62) && valueStart && flowDepth === 0 && isBlockHeader(text, i + 1)) {
      let spaces = lineStart;
      while (text.charCodeAt(spaces) === 32) spaces++;
      pendingBlock = spaces - lineStart;
    }
    previous = c;
    spaced = false;
  }
  return undefined;
}

/** After `|` or `>`: chomping and indentation indicators, then the end of the line or a comment. */
function isBlockHeader(text: string, i: number): boolean {
  for (let k = 0; k < 3; k++) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 45 || (c >= 49 && c <= 57)) i++;
    else break;
  }
  const c = text.charCodeAt(i);
  return Number.isNaN(c) || c === 10 || c === 13 || c === 32;
}

/** What the regular expression `\s` matches, without making a string per character. */
function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(String.fromCharCode(code));
}

function tooDeep(start: number, end: number): ParseProblem {
  return { code: 'too-deep', message: `The YAML nests more than ${MAX_DEPTH} levels deep here. Frameworks and rate cards nest a few levels at most; this file is not one, or is damaged.`, span: { start, end: Math.max(end, start + 1) } };
}

function countReplacementChars(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0 && count <= 8; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

function firstLineEnd(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline;
}

/** The library's error in an analyst's words, at the mistake rather than where the library noticed it. */
function syntaxProblem(text: string, code: string, message: string, pos: [number, number]): { message: string; span: Span } {
  // The library may place an error one past the end of the text (an unclosed quote): keep spans inside it.
  const start = Math.min(pos[0], text.length);
  const end = Math.min(Math.max(pos[1], start), text.length);
  const unclosed = /end with an? ([\]}])/.exec(message);
  if (unclosed) {
    const close = unclosed[1];
    const open = close === ']' ? '[' : '{';
    const at = unclosedOpening(text, start, open, close);
    if (at >= 0) {
      const what = open === '[' ? 'a list' : 'a mapping';
      return {
        message: `This \`${open}\` opens ${what} that is never closed: add \`${close}\` at the end of the value, or quote the text if the \`${open}\` is part of it.`,
        span: { start: at, end: Math.max(at + 1, lineEndAt(text, at)) },
      };
    }
  }
  return { message: yamlMessage(code, message), span: { start, end } };
}

/** The last `open` before `before` that is not closed on its own line (outside quotes and comments), or -1. */
function unclosedOpening(text: string, before: number, open: string, close: string): number {
  let found = -1;
  let lineStart = 0;
  while (lineStart < before) {
    const lineEnd = lineEndAt(text, lineStart);
    const stack: number[] = [];
    let quote = '';
    for (let i = lineStart; i < lineEnd; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#' && (i === lineStart || /\s/.test(text[i - 1]))) break;
      else if (ch === open) stack.push(i);
      else if (ch === close) stack.pop();
    }
    if (stack.length) found = stack[0];
    lineStart = lineEnd + 1;
  }
  return found;
}

function lineEndAt(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  const end = newline < 0 ? text.length : newline;
  return end > at && text[end - 1] === '\r' ? end - 1 : end;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'This key appears twice in the same mapping; the second would silently replace the first. Keep one.';
    case 'MULTIPLE_DOCS':
      return 'This file holds more than one YAML document (separated by ---). Put each framework or rate card in a file of its own.';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs.';
    case 'BAD_INDENT':
      return `The indentation here does not line up with the lines above: ${first}`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'This line holds a second `key:`. A value that contains ": " must be quoted (title: "Aim: a home"), or the next field must start a line of its own.';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'This key runs over more than one line. Quote a value that spans lines, or close the `[`, `{` or quote opened above.';
    case 'MISSING_CHAR':
      return /quote/i.test(first) ? 'A quoted text starts here but its closing quote is missing: add it at the end of the value.' : `YAML syntax error: ${first}`;
    default:
      return `YAML syntax error: ${first}`;
  }
}
