import type { NodeLocation } from './document';
import type { Span } from './ranges';

/**
 * Every node's spans by JSON pointer. Kept as numbers, four a node (value start and end, key
 * start and end or -1), rather than three objects a node: large files have 100,000s of nodes.
 */
export class LocationTable {
  private readonly slots = new Map<string, number>();
  private readonly spans: number[] = [];

  set(pointer: string, valueStart: number, valueEnd: number, key?: Span): void {
    this.slots.set(pointer, this.spans.length);
    this.spans.push(valueStart, valueEnd, key ? key.start : -1, key ? key.end : -1);
  }

  get(pointer: string): NodeLocation | undefined {
    const slot = this.slots.get(pointer);
    return slot === undefined ? undefined : this.at(slot);
  }

  has(pointer: string): boolean {
    return this.slots.has(pointer);
  }

  entries(): [string, NodeLocation][] {
    return [...this.slots].map(([pointer, slot]) => [pointer, this.at(slot)]);
  }

  private at(slot: number): NodeLocation {
    const s = this.spans;
    return { value: { start: s[slot], end: s[slot + 1] }, key: s[slot + 2] >= 0 ? { start: s[slot + 2], end: s[slot + 3] } : undefined };
  }
}
