/**
 * Re-reading a file after an edit inside one plain scalar, the commonest keystroke (a title, a
 * source, a word of a definition): the previous parse's values and spans are kept, the scalar's
 * new text is put in its place and every span after it moves by the length of the edit. Anything
 * else (an edit that touches a key, a line break, an indicator, quotes, a number, or spans two
 * values) gives undefined, and the caller parses the whole text. Proven against a fresh parse in
 * test/unit/yaml-edit.test.ts.
 */
import { MAX_FILE_CHARS, ParsedYaml } from './document';
import { LineIndex } from './ranges';
import { setOwn } from './records';
import { resolvePlain } from './yaml-fast-text';

/**
 * Plain text that reads the same inside a block or a flow collection and cannot open or close
 * anything: starts with a letter, then letters, digits, spaces and `.()-/`, and does not end in
 * a space. No `:`, `#`, quotes, commas or brackets, so a key, a comment, a quote or a flow item
 * can neither start nor end inside it (the refusal scan before parsing sees nothing either).
 */
const SAFE_PLAIN = /^[A-Za-z](?:[A-Za-z0-9 .()/-]*[A-Za-z0-9.()/-])?$/;

/** Whether `raw` is a plain scalar that the fast path reads as this very string. */
function safePlain(raw: string): boolean {
  return SAFE_PLAIN.test(raw) && resolvePlain(raw) === raw;
}

/** The place in the outcome list of the outcome whose title `parsed` was made by typing in (reparseAfterEdit), if that is the edit. */
export function retitledOutcome(parsed: ParsedYaml): number | undefined {
  const path = parsed.editOf?.path;
  if (!path || path.length !== 3) return undefined;
  const [list, index, field] = path;
  return list === 'outcomes' && typeof index === 'number' && field === 'title' ? index : undefined;
}

/** The parse of `text` made from `previous` when the two differ inside one safe plain scalar; otherwise undefined. */
export function reparseAfterEdit(previous: ParsedYaml, text: string): ParsedYaml | undefined {
  const tree = previous.fastTree();
  const old = previous.text;
  if (!tree || previous.problems.length > 0 || text.length > MAX_FILE_CHARS || text === old) return undefined;
  // The changed stretch: old[from, oldTo) became text[from, newTo).
  const shortest = Math.min(old.length, text.length);
  const from = commonLength(shortest, (n) => old.slice(0, n) === text.slice(0, n));
  const tail = commonLength(shortest - from, (n) => old.slice(old.length - n) === text.slice(text.length - n));
  const oldTo = old.length - tail;
  const delta = text.length - old.length;
  const leaf = tree.leafAround(from, oldTo);
  if (!leaf) return undefined;
  const span = tree.valueSpan(leaf.slot);
  const before = old.slice(span.start, span.end);
  const after = text.slice(span.start, span.end + delta);
  if (!safePlain(before) || !safePlain(after)) return undefined;
  // The value must be that scalar as written (not a quoted or folded one that happens to match).
  const spine: unknown[] = [previous.value];
  for (const segment of leaf.path) {
    const parent = spine[spine.length - 1];
    if (parent === null || typeof parent !== 'object') return undefined;
    spine.push((parent as Record<string | number, unknown>)[segment]);
  }
  if (spine[spine.length - 1] !== before) return undefined;
  // Copy the containers from the root down to the scalar (the previous parse stays as it was).
  let value: unknown = after;
  for (let depth = leaf.path.length - 1; depth >= 0; depth--) {
    const parent = spine[depth];
    const copy: Record<string | number, unknown> | unknown[] = Array.isArray(parent) ? parent.slice() : { ...(parent as Record<string, unknown>) };
    const segment = leaf.path[depth];
    setOwn(copy, segment, value);
    value = copy;
  }
  // No line break was typed or removed (the scalars are one line each): the line starts after it move.
  const parsed = new ParsedYaml(text, LineIndex.afterEdit(previous.lines, text, span.start, delta));
  parsed.value = value;
  parsed.adoptTree(tree.shifted(span.end, delta));
  parsed.parsedBy = 'fast';
  // What changed, for the rules' kept results (rules/kept.ts); the previous parse's own link goes.
  previous.editOf = undefined;
  parsed.editOf = { previous, path: leaf.path, at: span.end, delta };
  return parsed;
}


/**
 * The largest n ≤ max for which `same(n)` holds (it holds for every smaller n too): a binary
 * search whose comparisons of whole stretches run in the engine (0.3 ms on a 250 kB file, against
 * 6 ms for a loop over its characters: editors build the new text by joining pieces of the old
 * one, and reading such a text a character at a time is slow).
 */
function commonLength(max: number, same: (n: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (same(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
