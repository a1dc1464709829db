/**
 * Where the cursor is: in parsed files, the deepest node under it (exact); in text being typed,
 * the chain of keys above the line from indentation (tolerant of half-written YAML).
 */
import type { ParsedYaml, Path, PathSegment } from '../core/document';
import type { Span } from '../core/ranges';
import { contains } from './convert';

export interface NodeAt {
  path: Path;
  /** The cursor is on the key of a mapping entry rather than its value. */
  onKey: boolean;
  span: Span;
}

/** The deepest node whose key or value holds `offset`. */
export function nodeAt(parsed: ParsedYaml, offset: number): NodeAt | undefined {
  let best: NodeAt | undefined;
  const visit = (value: unknown, path: PathSegment[]) => {
    const location = parsed.locate(path);
    if (!location) return;
    if (location.key && contains(location.key, offset)) best = { path: [...path], onKey: true, span: location.key };
    else if (contains(location.value, offset)) {
      best = { path: [...path], onKey: false, span: location.value };
    } else if (path.length) return; // children lie inside their parent's value span
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(parsed.value, []);
  return best;
}

export interface TypingContext {
  /** Keys above the cursor, with 0 standing for "an item of this list". */
  parentPath: PathSegment[];
  /** Typing a key (`  pri|`) or a value (`price: |`, `- |` in a list). */
  position: 'key' | 'value';
  /** For values: the key whose value it is (undefined for a list item). */
  key?: string;
  /** What has been typed of the word under the cursor. */
  prefix: string;
  /** Keys already present beside the one being typed. */
  siblings: string[];
}

interface LineShape {
  indent: number;
  dash: number; // column of `- `, or -1
  keyColumn: number;
  key?: string;
  emptyValue: boolean;
}

function shape(line: string): LineShape | undefined {
  const match = /^(\s*)(-\s+)?(?:(["']?)([^\s:#"'][^:#]*?)\3\s*:(?:\s+(.*))?\s*$|(.*))$/.exec(line);
  if (!match || !line.trim() || line.trim().startsWith('#')) return undefined;
  const indent = match[1].length;
  const dash = match[2] ? indent : -1;
  const keyColumn = indent + (match[2]?.length ?? 0);
  if (match[4] !== undefined) {
    const rest = (match[5] ?? '').replace(/\s+#.*$/, '');
    return { indent, dash, keyColumn, key: match[4], emptyValue: rest === '' };
  }
  return { indent, dash, keyColumn, emptyValue: false };
}

/** What is being typed at `offset`, judged from indentation alone. */
export function typingContext(text: string, offset: number): TypingContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lineEndAt = text.indexOf('\n', offset);
  let position: 'key' | 'value' = 'key';
  let key: string | undefined;
  let column: number;
  let itemHere = false;
  const valueMatch = /^(\s*)(-\s+)?(["']?)([^\s:#"'][^:#]*?)\3\s*:\s*(?:\[(?:[^\]]*,\s*)?)?([^\s,\[\]]*)$/.exec(before);
  const listItem = /^(\s*)-\s+([^\s:]*)$/.exec(before);
  const keyMatch = /^(\s*)(-\s+)?([^\s:]*)$/.exec(before);
  let prefix = '';
  if (valueMatch) {
    position = 'value';
    key = valueMatch[4];
    prefix = valueMatch[5];
    column = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    itemHere = !!valueMatch[2];
  } else if (listItem && isScalarListAbove(text, lineStart, listItem[1].length)) {
    position = 'value';
    prefix = listItem[2];
    column = listItem[1].length;
  } else if (keyMatch) {
    prefix = keyMatch[3];
    column = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
    itemHere = !!keyMatch[2];
  } else {
    return { parentPath: [], position: 'value', prefix: '', siblings: [] };
  }
  // Walk upwards collecting the keys that own this line.
  const parentPath: PathSegment[] = [];
  const siblings: string[] = [];
  let current = column;
  let afterItem = false;
  if (position === 'value' && !key) {
    // `- |` in a list: the list's key is the nearest line above with a smaller indent.
    parentPath.unshift(0);
    afterItem = true;
  } else if (itemHere) {
    parentPath.unshift(0);
    current = /^(\s*)/.exec(before)![1].length; // the dash's column
    afterItem = true;
  }
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  lines.pop(); // the empty string after the last newline
  let collectSiblings = !itemHere || position === 'key';
  for (let i = lines.length - 1; i >= 0 && (current > 0 || afterItem || collectSiblings); i--) {
    const s = shape(lines[i]);
    if (!s) continue;
    if (s.dash >= 0 && s.dash < current && !afterItem) {
      if (collectSiblings && s.key && s.keyColumn === current) siblings.push(s.key);
      parentPath.unshift(0);
      current = s.dash;
      afterItem = true;
      collectSiblings = false;
      continue;
    }
    if (afterItem) {
      if (s.dash === current) continue; // an earlier item of the same list
      if (s.key && s.emptyValue && s.keyColumn <= current) {
        parentPath.unshift(s.key);
        current = s.keyColumn;
        afterItem = false;
        if (s.dash >= 0) {
          parentPath.unshift(0);
          current = s.dash;
          afterItem = true;
        }
      } else if (s.dash < 0 && s.keyColumn <= current) {
        break; // malformed: a list with no key above it
      }
      continue;
    }
    if (s.keyColumn === current && s.key && collectSiblings) siblings.push(s.key);
    if (s.keyColumn < current && s.key && s.emptyValue) {
      parentPath.unshift(s.key);
      current = s.keyColumn;
      collectSiblings = false;
      if (s.dash >= 0) {
        parentPath.unshift(0);
        current = s.dash;
        afterItem = true;
      }
    }
  }
  // Keys below the cursor at the same indent are siblings too.
  if (position === 'key') {
    const after = text.slice(lineEndAt < 0 ? text.length : lineEndAt + 1).split(/\r?\n/);
    for (const line of after) {
      const s = shape(line);
      if (!s) continue;
      if (s.keyColumn < column || (s.dash >= 0 && s.dash < column)) break;
      if (s.keyColumn === column && s.key && s.dash < 0) siblings.push(s.key);
    }
  }
  return { parentPath, position, key, prefix, siblings };
}

/** Whether the `- ` at this indent continues a list of plain values (`requires:` ids) rather than mappings. */
function isScalarListAbove(text: string, lineStart: number, indent: number): boolean {
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  lines.pop();
  for (let i = lines.length - 1; i >= 0; i--) {
    const s = shape(lines[i]);
    if (!s) continue;
    if (s.dash === indent) return !s.key;
    if (s.keyColumn <= indent) return !!(s.key && s.emptyValue);
  }
  return false;
}
