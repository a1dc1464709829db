/**
 * The fast parser's location tree finds a node by path through an index per node, except that a
 * small mapping is read through without one (locations.ts). Property-tested against a plain
 * walk of the same tree: for random trees (repeated keys, mappings either side of the size where
 * the index takes over, sequences) and random paths, the node found, the span to underline and
 * how much of the path exists are the same.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LocationTree } from '../../server/src/core/locations';
import type { PathSegment } from '../../server/src/core/paths';
import type { Span } from '../../server/src/core/ranges';

type Shape = { map: [string, Shape][] } | { seq: Shape[] } | null;

/** A node as the plain walk sees it: its spans and children in order. */
interface Plain {
  value: Span;
  key?: Span;
  map?: [string, Plain][];
  seq?: Plain[];
}

const key = fc.constantFrom('id', 'title', 'stage', 'requires', 'a', 'b', 'c', '0', '1', '12');
const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.array(fc.tuple(key, tie('node')), { maxLength: 16 }).map((map) => ({ map })),
    fc.array(tie('node'), { maxLength: 4 }).map((seq) => ({ seq })),
  ),
})).node;

/** Builds the tree and its plain twin, with made-up increasing offsets. */
function build(root: Shape): { tree: LocationTree; plain: Plain } {
  const tree = new LocationTree();
  let at = 0;
  const visit = (node: Shape, parent: number, segment: PathSegment, keySpan: Span | undefined): Plain => {
    const start = (at += 2);
    if (node === null) {
      const end = (at += 3);
      tree.add(parent, segment, start, end, keySpan);
      return { value: { start, end }, key: keySpan };
    }
    const slot = tree.open(parent, segment, start, keySpan);
    const plain: Plain = { value: { start, end: -1 }, key: keySpan };
    if ('map' in node) {
      plain.map = node.map.map(([name, child]) => {
        const k = { start: (at += 1), end: (at += name.length) };
        return [name, visit(child, slot, name, k)];
      });
    } else {
      plain.seq = node.seq.map((child, i) => visit(child, slot, i, undefined));
    }
    plain.value.end = at += 1;
    tree.close(slot, plain.value.end);
    return plain;
  };
  return { tree, plain: visit(root, -1, '', undefined) };
}

/** The plain walk: the last child of a repeated key, an item by its index. */
function walk(root: Plain, path: PathSegment[]): { depth: number; node: Plain } {
  let node = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const segment = path[depth];
    let next: Plain | undefined;
    if (node.map) for (const [name, child] of node.map) if (name === String(segment)) next = child;
    if (node.seq) {
      const i = typeof segment === 'number' ? segment : /^(?:0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : NaN;
      next = Number.isInteger(i) ? node.seq[i] : undefined;
    }
    if (!next) break;
    node = next;
  }
  return { depth, node };
}

const path = fc.array(fc.oneof(key, fc.integer({ min: 0, max: 4 })), { maxLength: 4 });

describe('location tree: finding a node by path', () => {
  it('finds what a plain walk finds, small mappings read through and large ones indexed (property)', () => {
    fc.assert(
      fc.property(shape, fc.array(fc.tuple(path, fc.boolean()), { minLength: 1, maxLength: 12 }), (root, queries) => {
        const { tree, plain } = build(root);
        // Each query twice: the second time through whatever index the first built.
        for (const [p, preferKey] of [...queries, ...queries]) {
          const expected = walk(plain, p);
          const complete = expected.depth === p.length;
          const found = tree.find(p);
          assert.deepEqual(found && { value: found.value, key: found.key }, complete ? { value: expected.node.value, key: expected.node.key } : undefined);
          assert.equal(tree.nearest(p)?.depth, expected.depth);
          assert.deepEqual(tree.spanOf(p, preferKey), preferKey && expected.node.key ? expected.node.key : expected.node.value);
        }
      }),
      { numRuns: 500 },
    );
  });
});
