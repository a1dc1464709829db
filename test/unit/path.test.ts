/**
 * The core's POSIX paths (used in a browser, where files are URIs) against Node's own
 * `path.posix`, on generated paths full of `.`, `..`, empty segments and trailing slashes.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as nodePath from 'node:path';
import { posix } from '../../server/src/core/path';

const segment = fc.oneof(fc.constantFrom('.', '..', '', 'a', 'b', 'Rate cards (2024)', 'x.ratecard.yaml', '.hidden', 'vscode-vfs:github'), fc.stringMatching(/^[a-z.]{1,4}$/));
const relativePath = fc.array(segment, { maxLength: 6 }).map((s) => s.join('/'));
const absolutePath = relativePath.map((p) => `/${p}`);
const anyPath = fc.oneof(relativePath, absolutePath);

describe('core path (POSIX, for the browser)', () => {
  it('resolves, joins and normalises as Node does', () => {
    fc.assert(fc.property(absolutePath, fc.array(anyPath, { maxLength: 3 }), (base, rest) => {
      assert.equal(posix.resolve(base, ...rest), nodePath.posix.resolve(base, ...rest));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(anyPath, { maxLength: 4 }), (parts) => {
      assert.equal(posix.join(...parts), nodePath.posix.join(...parts));
    }), { numRuns: 2000 });
    fc.assert(fc.property(anyPath, (p) => assert.equal(posix.normalize(p), nodePath.posix.normalize(p))), { numRuns: 2000 });
  });

  it('takes names apart and measures between paths as Node does', () => {
    fc.assert(fc.property(anyPath, (p) => {
      assert.equal(posix.dirname(p), nodePath.posix.dirname(p), `dirname(${JSON.stringify(p)})`);
      assert.equal(posix.basename(p), nodePath.posix.basename(p), `basename(${JSON.stringify(p)})`);
      assert.equal(posix.extname(p), nodePath.posix.extname(p), `extname(${JSON.stringify(p)})`);
      assert.equal(posix.isAbsolute(p), nodePath.posix.isAbsolute(p));
    }), { numRuns: 3000 });
    fc.assert(fc.property(absolutePath, absolutePath, (a, b) => assert.equal(posix.relative(a, b), nodePath.posix.relative(a, b))), { numRuns: 3000 });
  });

  it('strips a suffix from a base name as Node does', () => {
    for (const [p, suffix] of [['/a/rate.ratecard.yaml', '.yaml'], ['/a/b.yaml', 'b.yaml'], ['/a/b/', 'b'], ['x.yaml', '.yml']]) {
      assert.equal(posix.basename(p, suffix), nodePath.posix.basename(p, suffix), `${p} ${suffix}`);
    }
  });
});
