/**
 * How the core names a place in a YAML document: the path to a node and its source spans. Types
 * only, so that the parser (document.ts), its fast path (yaml-fast.ts) and the location tree
 * (locations.ts) share them without importing one another in a circle.
 */
import type { Span } from './ranges';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface NodeLocation {
  /** The value's span (for a mapping entry, the value after the colon). */
  value: Span;
  /** The key's span, for entries of a mapping. */
  key?: Span;
}
