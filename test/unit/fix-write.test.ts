/**
 * The --fix writer against a concurrent edit, step by step, on real files: an edit landing at any
 * point up to the last comparison is kept and the write stops; the one window left (between that
 * comparison and the rename, one system call) is shown here and in docs/reliability.md. Then a
 * writer process racing hundreds of writes: never a torn file, never an error but a refusal.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFixed, WriteRefused, type FixedFile, type WriteSteps } from '../../server/src/cli/fix';

const original = 'kind: OutcomeFramework\nid: a\n';
const fixedText = 'kind: OutcomeFramework\nid: a\ntitle: fixed\n';
const edited = 'kind: OutcomeFramework\nid: a\n# edited by someone else\n';

describe('--fix writer: a concurrent edit is never lost up to the last comparison', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-write-'));
    file = path.join(dir, 'a.framework.yaml');
    fs.writeFileSync(file, original);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fixed = (): FixedFile => ({ file, original, fixed: fixedText, applied: [] });
  const editAt = (step: keyof WriteSteps): WriteSteps => ({ [step]: () => fs.writeFileSync(file, edited) });

  for (const step of ['afterCheck', 'beforeReplace'] as const) {
    it(`an edit at ${step} stops the write and is kept`, () => {
      assert.throws(() => writeFixed(fixed(), editAt(step)), (error) => error instanceof WriteRefused && /changed on disk while it was being fixed/.test(error.message));
      assert.equal(fs.readFileSync(file, 'utf8'), edited);
      assert.deepEqual(fs.readdirSync(dir), ['a.framework.yaml'], 'no temporary file left');
    });
  }

  it('a hard-linked file, written in place, keeps an edit made before the replace too', () => {
    fs.linkSync(file, path.join(dir, 'link.yaml'));
    assert.throws(() => writeFixed(fixed(), editAt('beforeReplace')), WriteRefused);
    assert.equal(fs.readFileSync(path.join(dir, 'link.yaml'), 'utf8'), edited);
  });

  it('the window left: an edit between the last comparison and the rename is replaced (documented)', () => {
    writeFixed(fixed(), editAt('inWindow'));
    assert.equal(fs.readFileSync(file, 'utf8'), fixedText);
  });

  it('with a writer process racing it, every write either lands whole or stops and says so', async function () {
    this.timeout(60_000);
    const versions = Array.from({ length: 50 }, (_, i) => `kind: OutcomeFramework\nid: a\n# writer ${i}\n`);
    // The other program: rewrites the file in place, again and again, for about 2 seconds.
    const writer = spawn(process.execPath, ['-e', `const fs = require('fs'); const v = ${JSON.stringify(versions)}; const end = Date.now() + 2000; let i = 0; while (Date.now() < end) { fs.writeFileSync(${JSON.stringify(file)}, v[i++ % v.length]); }`]);
    const outcomes = { written: 0, refused: 0 };
    const legal = new Set([original, ...versions, ...versions.map((v) => v + 'title: fixed\n')]);
    const started = Date.now();
    while (Date.now() - started < 2200) {
      let now: string;
      try {
        now = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      // Caught mid-write by the other program, or already fixed: not a fix's start.
      if (!legal.has(now) || now.endsWith('title: fixed\n')) continue;
      try {
        writeFixed({ file, original: now, fixed: now + 'title: fixed\n', applied: [] });
        outcomes.written++;
      } catch (error) {
        assert.ok(error instanceof WriteRefused, String(error));
        outcomes.refused++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => writer.on('close', resolve));
    assert.ok(legal.has(fs.readFileSync(file, 'utf8')), 'the file ends whole');
    assert.ok(outcomes.written + outcomes.refused > 10, JSON.stringify(outcomes));
    if (process.env.FUZZ_RUNS) console.log(`      racing writer: ${outcomes.written} fixes written, ${outcomes.refused} stopped by a concurrent edit`);
  });
});
