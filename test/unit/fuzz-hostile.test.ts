/**
 * Fuzzing of what a pull request puts in the way of a CI run (issue 21): ignore files of random
 * bytes, patterns, long lines and odd characters, matched against random names; and report
 * targets of every kind a path can be (regular, read-only, FIFO, device, link, folder, missing
 * folder, standard output). Invariants: nothing throws but a WriteRefused with its message, the
 * matching work stays within (pattern length + 1) × (name length + 1) per pattern, no FIFO or
 * device is ever replaced, and a read-only file is never changed.
 *
 * `npm test` runs a few seconds of it; `npm run test:fuzz` runs it long (FUZZ_RUNS, FUZZ_SEED).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { IGNORE_LIMITS, IgnoreStack, type IgnoreProblem } from '../../server/src/core/ignore';
import { nodeIgnoreReader } from '../../server/src/core/node-host';
import { compileWildmatch } from '../../server/src/core/wildmatch';
import { WriteRefused } from '../../server/src/cli/fix';
import type { Io } from '../../server/src/cli/io';
import { writeOutputFile } from '../../server/src/cli/output-file';

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const long = RUNS > 1000;
const posix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;

const patternPiece = fc.oneof(
  fc.constantFrom('*', '**', '**/', '/**', '?', '[a-z]', '[!a]', '[[:alpha:]]', '[', ']', '\\', '!', '#', '/', ' ', '\\ ', 'a', 'b', '.yaml', 'sub', '\u0000', '\r', '\uFFFD', 'é', '\u202E'),
  fc.string({ maxLength: 6 }),
);
const ignoreLine = fc.oneof(
  { weight: 8, arbitrary: fc.array(patternPiece, { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: IGNORE_LIMITS.lineChars - 2, max: IGNORE_LIMITS.lineChars + 2 }).map((n) => '*a'.repeat(n).slice(0, n)) },
);
const ignoreText = fc.oneof(
  { weight: 6, arbitrary: fc.array(ignoreLine, { maxLength: 30 }).map((lines) => lines.join('\n')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
);
const nameSegment = fc.oneof(fc.constantFrom('a', 'sub', 'x.ratecard.yaml', 'é', '[a]', '*', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac'), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..' && !s.includes('\u0000')));
const names = fc.array(fc.array(nameSegment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/')), { minLength: 1, maxLength: 10 });

describe('fuzz: ignore files and report targets a pull request controls', function () {
  this.timeout(long ? 0 : 60_000);
  let dir: string;
  const counts = { ignoreFiles: 0, names: 0, problems: 0, targets: 0, refused: 0 };
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-hostile-')));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (long) console.log(`      fuzzed: ${counts.ignoreFiles} ignore files against ${counts.names} names (${counts.problems} problems said); ${counts.targets} report targets (${counts.refused} refused with a message)`);
  });

  it('reads any ignore file and matches any name without throwing, within the bound of work', () => {
    fc.assert(
      fc.property(ignoreText, names, fc.boolean(), (text, candidates, isFolder) => {
        fs.writeFileSync(path.join(dir, '.gitignore'), text);
        const problems: IgnoreProblem[] = [];
        const stack = IgnoreStack.empty(nodeIgnoreReader, (p) => problems.push(p)).enter(dir);
        counts.ignoreFiles++;
        counts.problems += problems.length;
        for (const p of problems) assert.ok(p.message.length > 0 && p.file.endsWith('.gitignore'));
        for (const name of candidates) {
          counts.names++;
          assert.equal(typeof stack.ignores(path.join(dir, name), isFolder), 'boolean');
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('keeps each pattern\'s matching work within (pattern length + 1) × (name length + 1)', () => {
    fc.assert(
      fc.property(fc.array(patternPiece, { maxLength: 20 }).map((p) => p.join('')), fc.string({ maxLength: 200 }), (pattern, name) => {
        const matcher = compileWildmatch(pattern);
        matcher.matches(name);
        const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
        assert.ok(matcher.lastWork <= (bytes(pattern) + 4) * (bytes(name) + 1), `${matcher.lastWork} steps`);
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
  });

  (posix ? it : it.skip)('writes a report to any kind of target: never replacing a FIFO or device, never changing a read-only file', async () => {
    const kinds = ['regular', 'read-only', 'fifo', 'device', 'link-to-regular', 'link-to-null', 'folder', 'missing-folder', 'new'] as const; // standard output: test/cli/hostile.test.ts, through a real pipe
    const runs = Math.min(RUNS, 2000);
    const samples = fc.sample(fc.tuple(fc.constantFrom(...kinds), fc.string({ maxLength: 300 })), { numRuns: runs, seed: SEED ?? 21 });
    let index = 0;
    for (const [kind, content] of samples) {
      if (kind === 'device' && !isRoot) continue; // mknod needs root
      const target = path.join(dir, `target-${index++}`);
      let reader: Promise<string> | undefined;
      let stdout = '';
      const io: Io = { stdout: (t) => void (stdout += t), stderr: () => {}, isTTY: false, env: {}, readStdin: () => '' };
      let file = target;
      switch (kind) {
        case 'regular':
          fs.writeFileSync(target, 'before');
          break;
        case 'read-only':
          fs.writeFileSync(target, 'before');
          fs.chmodSync(target, 0o444);
          break;
        case 'fifo':
          assert.equal(spawnSync('mkfifo', [target]).status, 0);
          reader = readAll(target);
          break;
        case 'device':
          assert.equal(spawnSync('mknod', [target, 'c', '1', '3']).status, 0);
          break;
        case 'link-to-regular':
          fs.writeFileSync(`${target}.real`, 'before');
          fs.symlinkSync(`${target}.real`, target);
          break;
        case 'link-to-null':
          fs.symlinkSync('/dev/null', target);
          break;
        case 'folder':
          fs.mkdirSync(target);
          break;
        case 'missing-folder':
          file = path.join(target, 'no', 'such', 'report.json');
          fs.writeFileSync(target, 'a file where a folder should be');
          break;
        case 'new':
          break;
      }
      const before = fs.lstatSync(target, { throwIfNoEntry: false });
      counts.targets++;
      try {
        writeOutputFile(file, content, io);
      } catch (error) {
        if (!(error instanceof WriteRefused)) throw error;
        counts.refused++;
        assert.ok(['read-only', 'folder', 'missing-folder', 'link-to-null'].includes(kind), `${kind}: refused: ${error.message}`);
      }
      const after = fs.lstatSync(target, { throwIfNoEntry: false });
      if (kind === 'fifo') {
        assert.ok(after?.isFIFO(), 'still a FIFO');
        assert.equal(await reader, content);
      }
      if (kind === 'device') assert.ok(after?.isCharacterDevice(), 'still a device');
      if (kind === 'link-to-null') assert.ok(after?.isSymbolicLink() && fs.statSync(target).isCharacterDevice(), '/dev/null still /dev/null');
      if (kind === 'read-only') assert.equal(fs.readFileSync(target, 'utf8'), 'before');
      if (kind === 'regular' || kind === 'new') assert.equal(fs.readFileSync(target, 'utf8'), content);
      if (kind === 'link-to-regular') {
        assert.ok(after?.isSymbolicLink(), 'the link stays a link');
        assert.equal(fs.readFileSync(`${target}.real`, 'utf8'), content);
      }
      if (before && after) assert.equal(before.isFIFO() || before.isCharacterDevice(), after.isFIFO() || after.isCharacterDevice());
      assert.equal(stdout, '');
    }
  });
});

/** Everything a reader of the FIFO receives (a separate process, as a real reader would be). */
function readAll(fifo: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('cat', [fifo]);
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
}
