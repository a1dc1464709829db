/**
 * The CLI's code cache (dist/cli.js.cache, scripts/code-cache.mjs): on Node without a compile
 * cache of its own, the build leaves V8's code for the bundle beside it, and the installed command
 * uses it when it was made from this very bundle. The command must give the same output, and exit
 * code, with the cache, without it, with one from another build and with a damaged one.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/cli';

const hasOwnCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('outcomes-lint: the code cache beside the bundle', () => {
  let dir: string;
  before(function () {
    if (hasOwnCache) this.skip(); // Node 22.1+: Node's own compile cache, no file of ours
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-cache-'));
    // The installed layout: bin/ beside dist/, copied so the test never changes the repository's build.
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.copyFileSync(path.join(repoRoot, 'bin/outcomes-lint.js'), path.join(dir, 'bin/outcomes-lint.js'));
    fs.copyFileSync(path.join(repoRoot, 'dist/cli.js'), path.join(dir, 'dist/cli.js'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const built = () => fs.readFileSync(path.join(repoRoot, 'dist/cli.js.cache'));
  const run = (cache: Buffer | undefined) => {
    const file = path.join(dir, 'dist/cli.js.cache');
    if (cache) fs.writeFileSync(file, cache);
    else fs.rmSync(file, { force: true });
    const result = spawnSync(process.execPath, [path.join(dir, 'bin/outcomes-lint.js'), 'samples/care-leavers', 'samples/perverse', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, OUTCOMES_LINT_CODE_CACHE_REPORT: '1' } });
    return { status: result.status, stdout: result.stdout, cache: /^code cache: (\w+)$/m.exec(result.stderr)?.[1] ?? 'none' };
  };

  it('is made by the build, names the bundle it was made from, and is used', () => {
    const cache = built();
    const stamp = /\/\/# outcomes-lint-build (\S+)\n/.exec(fs.readFileSync(path.join(repoRoot, 'dist/cli.js'), 'utf8').slice(-500))?.[1];
    assert.ok(stamp, 'the bundle carries the build stamp');
    assert.equal(cache.subarray(0, 60).toString('latin1').split('\n')[0], `outcomes-lint-build ${stamp}`);
    const withCache = run(cache);
    assert.equal(withCache.cache, 'used');
    const without = run(undefined);
    assert.equal(without.cache, 'none', 'no cache: the bundle is required as usual');
    assert.equal(withCache.status, 1);
    assert.equal(withCache.status, without.status);
    assert.equal(withCache.stdout, without.stdout);
    assert.ok((JSON.parse(without.stdout) as { messages: unknown[] }[]).some((r) => r.messages.length > 0), 'the run has findings to compare');
  });

  it('is ignored when it was made from another build, and refused by V8 when cut short', () => {
    const cache = built();
    const expected = run(undefined);
    const other = Buffer.concat([Buffer.from('outcomes-lint-build 0123456789abcdef0123456789abcdef\n'), cache.subarray(cache.indexOf(10) + 1)]);
    const stale = run(other);
    assert.equal(stale.cache, 'none', 'a cache of another build is not even offered to V8');
    assert.deepEqual([stale.status, stale.stdout], [expected.status, expected.stdout]);
    const short = run(cache.subarray(0, 4000));
    assert.equal(short.cache, 'refused');
    assert.deepEqual([short.status, short.stdout], [expected.status, expected.stdout]);
    const junk = run(Buffer.concat([cache.subarray(0, cache.indexOf(10) + 1), Buffer.alloc(5000, 7)]));
    assert.equal(junk.cache, 'refused');
    assert.deepEqual([junk.status, junk.stdout], [expected.status, expected.stdout]);
  });
});
