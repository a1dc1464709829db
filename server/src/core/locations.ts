/**
 * Where each node of a parsed file is. Large files have 100,000s of nodes but only a few are
 * ever looked up (for findings, amounts, fixes), so spans are stored as plain numbers and
 * found by walking down the tree, rather than as objects in a map keyed by JSON pointer.
 */
import type { NodeLocation, Path, PathSegment } from './paths';
import type { Span } from './ranges';

/** The numbers kept for a node: value start and end, key start and end (or -1), first child, last child, next sibling. */
const STRIDE = 7;
const NONE = -1;
/** Mappings of at most this many keys are read through rather than indexed. */
const SMALL = 12;

export class LocationTree {
  /** STRIDE numbers a node, in a typed array that doubles as it fills (offsets fit: files are at most 5 MB). */
  private n = new Int32Array(STRIDE * 1024);
  /** Each node's name in its parent: a key, or an item's index. */
  private segments: PathSegment[] = [];
  /** Children by name, built for a node the first time a path goes through it (a small mapping has none). */
  private childIndex = new Map<number, Map<string, number> | number[]>();

  /** Adds a node whose end is not known yet (a collection); `close` sets it. Returns its slot. */
  open(parent: number, segment: PathSegment, start: number, key: Span | undefined): number {
    return this.add(parent, segment, start, start, key);
  }

  close(slot: number, end: number): void {
    this.n[slot * STRIDE + 1] = end;
  }

  add(parent: number, segment: PathSegment, start: number, end: number, key: Span | undefined): number {
    const slot = this.segments.length;
    this.segments.push(segment);
    let s = slot * STRIDE;
    if (s + STRIDE > this.n.length) {
      const grown = new Int32Array(this.n.length * 2);
      grown.set(this.n);
      this.n = grown;
    }
    const n = this.n;
    n[s++] = start;
    n[s++] = end;
    n[s++] = key ? key.start : NONE;
    n[s++] = key ? key.end : NONE;
    n[s++] = NONE;
    n[s++] = NONE;
    n[s] = NONE;
    if (parent >= 0) {
      const p = parent * STRIDE;
      if (this.n[p + 4] === NONE) this.n[p + 4] = slot;
      else this.n[this.n[p + 5] * STRIDE + 6] = slot;
      this.n[p + 5] = slot;
    }
    return slot;
  }

  find(path: Path): NodeLocation | undefined {
    const { depth, slot } = this.descend(path);
    return depth === path.length && slot !== NONE ? this.at(slot) : undefined;
  }

  /**
   * The span to underline for the deepest node on `path`: its value, or its key when `preferKey`
   * and it has one; undefined for an empty tree. The same as `nearest`'s, with nothing else built
   * (every finding asks it).
   */
  spanOf(path: Path, preferKey: boolean): Span | undefined {
    const { slot } = this.descend(path);
    if (slot === NONE) return undefined;
    const s = slot * STRIDE;
    const n = this.n;
    return preferKey && n[s + 2] >= 0 ? { start: n[s + 2], end: n[s + 3] } : { start: n[s], end: n[s + 1] };
  }

  /** The deepest node on `path` and how many segments of it exist. */
  nearest(path: Path): { depth: number; location: NodeLocation } | undefined {
    const { depth, slot } = this.descend(path);
    return slot === NONE ? undefined : { depth, location: this.at(slot) };
  }

  forEachValueSpan(visit: (start: number, end: number) => void): void {
    const n = this.n;
    for (let s = 0, end = this.segments.length * STRIDE; s < end; s += STRIDE) visit(n[s], n[s + 1]);
  }

  /** Every node with its path, for the equivalence tests. */
  entries(): [PathSegment[], NodeLocation][] {
    const out: [PathSegment[], NodeLocation][] = [];
    const visit = (slot: number, path: PathSegment[]) => {
      out.push([path, this.at(slot)]);
      for (let child = this.n[slot * STRIDE + 4]; child !== NONE; child = this.n[child * STRIDE + 6]) visit(child, [...path, this.segments[child]]);
    };
    if (this.segments.length > 0) visit(0, []);
    return out;
  }

  /**
   * The leaf (a node without children) whose value span holds `start`..`end`, with the slots and
   * names on the way down from the root; undefined when no leaf holds all of it.
   */
  leafAround(start: number, end: number): { slot: number; path: PathSegment[] } | undefined {
    if (this.segments.length === 0) return undefined;
    const n = this.n;
    let slot = 0;
    const path: PathSegment[] = [];
    if (n[0] > start || n[1] < end) return undefined;
    for (;;) {
      let next = NONE;
      for (let c = n[slot * STRIDE + 4]; c !== NONE; c = n[c * STRIDE + 6]) {
        if (n[c * STRIDE] <= start && end <= n[c * STRIDE + 1]) {
          next = c;
          break;
        }
      }
      if (next === NONE) return n[slot * STRIDE + 4] === NONE ? { slot, path } : undefined;
      path.push(this.segments[next]);
      slot = next;
    }
  }

  /** The value span of a slot. */
  valueSpan(slot: number): Span {
    return { start: this.n[slot * STRIDE], end: this.n[slot * STRIDE + 1] };
  }

  /**
   * The same tree for a text where `delta` characters were added (or removed) just before `from`:
   * every offset from `from` on moves. The nodes and their names are shared, as they do not change.
   */
  shifted(from: number, delta: number): LocationTree {
    const copy = new LocationTree();
    const n = this.n.slice(0, this.segments.length * STRIDE);
    for (let s = 0; s < n.length; s += STRIDE) {
      for (let k = s; k < s + 4; k++) if (n[k] >= from) n[k] += delta; // NONE (-1) is below any offset
    }
    copy.n = n;
    copy.segments = this.segments;
    copy.childIndex = this.childIndex;
    return copy;
  }

  private descend(path: Path): { depth: number; slot: number } {
    if (this.segments.length === 0) return { depth: 0, slot: NONE };
    let slot = 0;
    let depth = 0;
    for (; depth < path.length; depth++) {
      const child = this.child(slot, path[depth]);
      if (child === undefined) break;
      slot = child;
    }
    return { depth, slot };
  }

  private child(slot: number, segment: PathSegment): number | undefined {
    let index = this.childIndex.get(slot);
    if (!index) {
      const first = this.n[slot * STRIDE + 4];
      if (first === NONE) return undefined;
      // A small mapping (an outcome's ten or so keys) is read through, with no index built: most
      // are looked into once or twice, for a finding, and reading ten keys costs what a lookup does.
      if (typeof this.segments[first] === 'string') {
        const key = String(segment);
        let seen = 0;
        let found: number | undefined;
        for (let c = first; c !== NONE && seen <= SMALL; c = this.n[c * STRIDE + 6], seen++) if (this.segments[c] === key) found = c; // the last of a repeated key, as the index keeps it
        if (seen <= SMALL) return found;
      }
      if (typeof this.segments[first] === 'number') {
        const items: number[] = [];
        for (let c = first; c !== NONE; c = this.n[c * STRIDE + 6]) items.push(c);
        index = items;
      } else {
        const keys = new Map<string, number>();
        for (let c = first; c !== NONE; c = this.n[c * STRIDE + 6]) keys.set(this.segments[c] as string, c);
        index = keys;
      }
      this.childIndex.set(slot, index);
    }
    if (Array.isArray(index)) {
      const i = typeof segment === 'number' ? segment : /^(?:0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : NaN;
      return Number.isInteger(i) ? index[i] : undefined;
    }
    return index.get(String(segment));
  }

  private at(slot: number): NodeLocation {
    const s = slot * STRIDE;
    const n = this.n;
    return { value: { start: n[s], end: n[s + 1] }, key: n[s + 2] >= 0 ? { start: n[s + 2], end: n[s + 3] } : undefined };
  }
}
