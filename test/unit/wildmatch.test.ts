/**
 * The ignore-file matcher (server/src/core/wildmatch.ts) against two obviously-right ones: a
 * straightforward recursive matcher written from git's documented rules (exponential, so small
 * inputs only), and git itself (`git check-ignore` on the same pattern and names). Then its time
 * on the patterns that make a backtracking matcher hang.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { compileWildmatch } from '../../server/src/core/wildmatch';

const SLASH = 0x2f;

/** `[...]` at `start`: whether byte `t` is in it, and where it ends; undefined if unclosed or an unknown `[:name:]`. */
function inClass(p: Uint8Array, start: number, t: number): { member: boolean; end: number } | undefined {
  const names: Record<string, (b: number) => boolean> = {
    alnum: (b) => /[A-Za-z0-9]/.test(String.fromCharCode(b)) && b < 128,
    alpha: (b) => /[A-Za-z]/.test(String.fromCharCode(b)) && b < 128,
    blank: (b) => b === 32 || b === 9,
    cntrl: (b) => b < 32 || b === 127,
    digit: (b) => b >= 48 && b <= 57,
    graph: (b) => b > 32 && b < 127,
    lower: (b) => b >= 97 && b <= 122,
    print: (b) => b >= 32 && b < 127,
    punct: (b) => b > 32 && b < 127 && !/[A-Za-z0-9]/.test(String.fromCharCode(b)),
    space: (b) => b === 32 || b === 9 || b === 10 || b === 13,
    upper: (b) => b >= 65 && b <= 90,
    xdigit: (b) => /[0-9A-Fa-f]/.test(String.fromCharCode(b)) && b < 128,
  };
  let i = start + 1;
  let negated = false;
  if (p[i] === 0x21 || p[i] === 0x5e) {
    negated = true;
    i++;
  }
  let member = false;
  let previous = 0;
  let first = true;
  while (first || p[i] !== 0x5d) {
    first = false;
    if (i >= p.length) return undefined;
    let c = p[i];
    if (c === 0x5c) {
      i++;
      if (i >= p.length) return undefined;
      c = p[i];
      if (c === t) member = true;
    } else if (c === 0x2d && previous !== 0 && i + 1 < p.length && p[i + 1] !== 0x5d) {
      i++;
      let high = p[i];
      if (high === 0x5c) {
        i++;
        if (i >= p.length) return undefined;
        high = p[i];
      }
      if (t >= previous && t <= high) member = true;
      c = 0;
    } else if (c === 0x5b && p[i + 1] === 0x3a) {
      const close = p.indexOf(0x5d, i + 2);
      if (close < 0) return undefined;
      if (close - (i + 2) - 1 < 0 || p[close - 1] !== 0x3a) {
        if (t === 0x5b) member = true; // no `:]`: a plain `[`
      } else {
        const test = names[Buffer.from(p.subarray(i + 2, close - 1)).toString('latin1')];
        if (!test) return undefined;
        if (test(t)) member = true;
        i = close;
        c = 0;
      }
    } else if (c === t) member = true;
    previous = c;
    i++;
  }
  return { member: member !== negated && t !== SLASH, end: i + 1 };
}

/** git's rules, read literally and tried every way (backtracking): the reference. */
function reference(pattern: string, name: string): boolean {
  const p = Buffer.from(pattern, 'utf8');
  const t = Buffer.from(name, 'utf8');
  const go = (pi: number, ti: number): boolean => {
    if (pi === p.length) return ti === t.length;
    const c = p[pi];
    if (c === 0x5c) return pi + 1 < p.length && ti < t.length && t[ti] === p[pi + 1] && go(pi + 2, ti + 1);
    if (c === 0x3f) return ti < t.length && t[ti] !== SLASH && go(pi + 1, ti + 1);
    if (c === 0x5b) {
      if (ti >= t.length) return false;
      const cls = inClass(p, pi, t[ti]);
      return cls !== undefined && cls.member && go(cls.end, ti + 1);
    }
    if (c === 0x2a) {
      let j = pi;
      while (p[j] === 0x2a) j++;
      const crosses = j - pi >= 2 && (pi === 0 || p[pi - 1] === SLASH) && (j === p.length || p[j] === SLASH || (p[j] === 0x5c && p[j + 1] === SLASH));
      if (crosses && p[j] === SLASH && go(j + 1, ti)) return true; // `**/` as no folder at all
      for (let k = ti; k <= t.length; k++) {
        if (go(j, k)) return true;
        if (k < t.length && t[k] === SLASH && !crosses) return false;
      }
      return false;
    }
    return ti < t.length && t[ti] === c && go(pi + 1, ti + 1);
  };
  return go(0, 0);
}

const patternChar = fc.constantFrom('a', 'b', '/', '*', '?', '[', ']', '!', '^', '-', '\\', ':');
const nameChar = fc.constantFrom('a', 'b', '/', '-', ']', '[', '\\', '*');

describe('wildmatch: git\'s ignore-file matching, in linear time', () => {
  it('agrees with the straightforward recursive matcher on 20,000 small patterns and names (10 × FUZZ_RUNS in the long run)', function () {
    this.timeout(0);
    fc.assert(
      fc.property(fc.string({ unit: patternChar, maxLength: 9 }), fc.string({ unit: nameChar, maxLength: 8 }), (pattern, name) => {
        assert.equal(compileWildmatch(pattern).matches(name), reference(pattern, name), `${JSON.stringify(pattern)} on ${JSON.stringify(name)}`);
      }),
      { numRuns: Math.max(20000, 10 * Number(process.env.FUZZ_RUNS ?? 0)), seed: Number(process.env.FUZZ_SEED ?? 21) },
    );
  });

  it('agrees with the reference on the shapes ignore files use', () => {
    const cases: [string, string, boolean][] = [
      ['**/build', 'build', true],
      ['**/build', 'a/b/build', true],
      ['**/build', 'a/rebuild', false],
      ['docs/**/draft-*.yaml', 'docs/draft-1.yaml', true],
      ['docs/**/draft-*.yaml', 'docs/a/b/draft-1.yaml', true],
      ['docs/**', 'docs/a/b', true],
      ['docs/**', 'docs', false],
      ['*.yaml', 'a/x.yaml', false],
      ['a**b', 'a/b', false],
      ['a**b', 'axxb', true],
      ['[!a-c]x', 'dx', true],
      ['[!a-c]x', '/x', false],
      ['[[:digit:]]*', '7up', true],
      ['[[:nope:]]', 'a', false],
      ['[abc', '[abc', false],
      ['a\\', 'a\\', false],
      ['\\*', '*', true],
      ['£*', '£5', true],
      ['?', '£', false], // one byte, as in git: £ is two in UTF-8
    ];
    for (const [pattern, name, expected] of cases) {
      assert.equal(reference(pattern, name), expected, `reference: ${pattern} on ${name}`);
      assert.equal(compileWildmatch(pattern).matches(name), expected, `${pattern} on ${name}`);
    }
  });

  it('agrees with git itself (`git check-ignore`) on 150 random anchored patterns', function () {
    if (spawnSync('git', ['--version']).status !== 0) return this.skip();
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wildmatch-git-'));
    try {
      spawnSync('git', ['init', '-q'], { cwd: dir });
      const rng = fc.sample(fc.tuple(fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?', '[', ']', '!', '-'), minLength: 1, maxLength: 7 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '-', ']'), minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })), { numRuns: 150, seed: 2021 });
      const names = [...new Set(rng.flatMap(([, parts]) => parts.map((_, i) => parts.slice(0, i + 1).join('/'))))];
      let compared = 0;
      for (const [pattern] of rng) {
        // A line git reads as something else is not a wildmatch pattern: skip it.
        if (pattern.startsWith('!') || pattern.endsWith('/') || pattern.startsWith('/') || pattern.includes('//')) continue;
        fs.writeFileSync(path.join(dir, '.gitignore'), `/${pattern}\n`);
        const run = spawnSync('git', ['-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '--stdin'], { cwd: dir, input: names.join('\n') + '\n', encoding: 'utf8' });
        const ignoredByGit = new Set(run.stdout.split('\n').filter(Boolean));
        const matcher = compileWildmatch(pattern);
        for (const name of names) {
          // git leaves out a path when the path or any folder above it matches.
          const parts = name.split('/');
          const ours = parts.some((_, i) => matcher.matches(parts.slice(0, i + 1).join('/')));
          assert.equal(ours, ignoredByGit.has(name), `/${pattern} on ${name}: git says ${ignoredByGit.has(name) ? 'ignored' : 'not ignored'}`);
          compared++;
        }
      }
      assert.ok(compared > 1000, `${compared} comparisons`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the patterns that make a backtracking matcher hang in time linear in the name', () => {
    const hostile = compileWildmatch('*a*a*a*a*a*a*a*a*a*a*a*a*a*ac');
    let started = process.hrtime.bigint();
    assert.equal(hostile.matches('a'.repeat(40)), false);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 50, 'the issue\'s case answers at once');
    // The work is at most (pattern length + 1) steps per byte of the name, whatever the name.
    const long = compileWildmatch(`${'*a'.repeat(200)}*b`);
    for (const length of [100, 1000, 4000]) {
      const name = `${'a'.repeat(length - 1)}b`;
      started = process.hrtime.bigint();
      assert.equal(long.matches(name), length > 200);
      assert.ok(long.lastWork <= (402 + 1) * (length + 1), `${long.lastWork} steps for a name of ${length}`);
    }
  });
});
