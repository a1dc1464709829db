/**
 * `outcomes-lint totals --base REF` as a process in a real git repository: a price raised, a
 * cohort added, a card added and one removed, a framework changed. Every delta is checked
 * against two plain `totals` runs, one in a checkout of the base made for the test.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import { commitAll, copyInto, edit, git, tempRepo } from '../support/git';

type Json = Record<string, unknown>;

/** "1234.56" → 123456n pence; exact, for the test's own subtraction. */
function pence(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(2, '0'));
  return decimal.startsWith('-') ? -value : value;
}

function signed(p: bigint): string {
  const abs = p < 0n ? -p : p;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return p === 0n ? text : `${p < 0n ? '-' : '+'}${text}`;
}

describe('outcomes-lint totals --base', function () {
  this.timeout(60000);
  let repo: string;
  let baseCheckout: string;
  let baseCommit: string;

  before(() => {
    repo = tempRepo();
    const cards = path.join(repo, 'cards');
    copyInto(path.join(repoRoot, 'test/fixtures/totals/care'), path.join(cards, 'care'));
    for (const sample of ['homelessness', 'youth-engagement', 'care-leavers']) copyInto(path.join(repoRoot, 'samples', sample), path.join(cards, sample));
    baseCommit = commitAll(repo, 'The contract as approved');
    // A price raised.
    edit(path.join(cards, 'care/care.ratecard.yaml'), '  - outcome: level-1-qualification\n    price: 1200', '  - outcome: level-1-qualification\n    price: 1500');
    // A cohort added (in the framework, so the framework changed too).
    edit(path.join(cards, 'homelessness/homelessness.framework.yaml'), /\n    needs: high\noutcomes:/, '\n    needs: high\n  - id: rough-sleepers\n    title: Young people sleeping rough\n    eligibility: [Seen sleeping rough by the outreach team]\n    size: 40\n    needs: high\noutcomes:');
    // A framework changed alone: a baseline raised, so deadweight moves.
    edit(path.join(cards, 'youth-engagement/youth-engagement.framework.yaml'), 'baseline: { in-school: 0.1, left-school: 0 }   # not paid', 'baseline: { in-school: 0.2, left-school: 0 }   # not paid');
    // A card removed and one added.
    fs.rmSync(path.join(cards, 'care-leavers'), { recursive: true });
    copyInto(path.join(repoRoot, 'samples/perverse'), path.join(cards, 'perverse'));
    commitAll(repo, 'Proposed changes');
    baseCheckout = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-base-'));
    fs.rmSync(baseCheckout, { recursive: true });
    git(repo, 'worktree', 'add', '-q', '--detach', baseCheckout, baseCommit);
  });

  after(() => {
    git(repo, 'worktree', 'remove', '--force', baseCheckout);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  const plain = (cwd: string) => {
    const run = runCli(['totals', 'cards', '--format', 'json'], { cwd });
    return new Map((JSON.parse(run.stdout) as Json[]).map((card) => [card.file as string, card]));
  };

  it('json: now and base are the plain totals of each side, and every delta is now − base', () => {
    const run = runCli(['totals', 'cards', '--base', baseCommit, '--format', 'json'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.base, baseCommit);
    assert.equal(report.commit, baseCommit);
    const now = plain(repo);
    const base = plain(baseCheckout);
    const byFile = new Map<string, Json>(report.rateCards.map((c: Json) => [c.file, c]));
    assert.deepEqual([...byFile.keys()].sort(), [...new Set([...now.keys(), ...base.keys()])].sort());
    const status = (file: string) => [byFile.get(file)!.status, byFile.get(file)!.changedFiles];
    assert.deepEqual(status('cards/care/care.ratecard.yaml'), ['changed', ['rate card']]);
    assert.deepEqual(status('cards/homelessness/homelessness.ratecard.yaml'), ['changed', ['framework']]);
    assert.deepEqual(status('cards/youth-engagement/youth-engagement.ratecard.yaml'), ['changed', ['framework']]);
    assert.deepEqual(status('cards/perverse/perverse.ratecard.yaml'), ['added', ['rate card']]);
    assert.deepEqual(status('cards/care-leavers/care-leavers.ratecard.yaml'), ['removed', ['rate card']]);

    let checked = 0;
    for (const [file, card] of byFile) {
      assert.deepEqual(card.now, now.get(file) ?? null, `${file}: now`);
      assert.deepEqual(card.base, base.get(file) ?? null, `${file}: base`);
      const n = (now.get(file) ?? {}) as Json;
      const b = (base.get(file) ?? {}) as Json;
      const delta = card.delta as Json;
      // The test's own walk over the figures it knows, with its own subtraction.
      const expect = (nowValue: unknown, baseValue: unknown, actual: unknown, where: string) => {
        if (nowValue === null || baseValue === null) assert.equal(actual, null, where);
        else assert.equal(actual, signed(pence((nowValue as string | undefined) ?? '0') - pence((baseValue as string | undefined) ?? '0')), where);
        checked++;
      };
      for (const figure of ['maximumLiability', 'expected', 'deadweight']) expect(n[figure], b[figure], delta[figure], `${file} ${figure}`);
      for (const section of ['byCohort', 'byPayer', 'byOutcome'] as const) {
        const nowSection = (n[section] ?? {}) as Record<string, Json>;
        const baseSection = (b[section] ?? {}) as Record<string, Json>;
        for (const id of new Set([...Object.keys(nowSection), ...Object.keys(baseSection)])) {
          for (const figure of ['maxPerParticipant', 'maximumLiability', 'expected', 'deadweight']) {
            if (!(figure in (nowSection[id] ?? baseSection[id]))) continue;
            expect(nowSection[id]?.[figure], baseSection[id]?.[figure], ((delta[section] as Record<string, Json>)[id] as Json)[figure], `${file} ${section}.${id}.${figure}`);
          }
        }
      }
      const years = new Set([...Object.keys((n.byYear ?? {}) as Json), ...Object.keys((b.byYear ?? {}) as Json)]);
      for (const year of years) expect((n.byYear as Json | undefined)?.[year], (b.byYear as Json | undefined)?.[year], (delta.byYear as Json)[year], `${file} byYear.${year}`);
    }
    assert.ok(checked > 150, `checked ${checked} deltas`);

    // The changes themselves, as an analyst would check them by hand.
    const care = byFile.get('cards/care/care.ratecard.yaml')!.delta as Json;
    assert.equal(care.maximumLiability, '+72000.00'); // 240 people × £300 more
    const homelessness = byFile.get('cards/homelessness/homelessness.ratecard.yaml')!;
    assert.equal(((homelessness.base as Json).byCohort as Json)['rough-sleepers'], undefined);
    assert.equal((((homelessness.now as Json).byCohort as Json)['rough-sleepers'] as Json).participants, 40);
    assert.equal((((homelessness.delta as Json).byCohort as Json)['rough-sleepers'] as Json).expected, null, 'not projected: no delta, not £0');
    assert.equal((((homelessness.delta as Json).byCohort as Json)['rough-sleepers'] as Json).maxPerParticipant, `+${(((homelessness.now as Json).byCohort as Json)['rough-sleepers'] as Json).maxPerParticipant}`, 'a new cohort adds its figures');
    const youth = byFile.get('cards/youth-engagement/youth-engagement.ratecard.yaml')!.delta as Json;
    assert.equal(youth.maximumLiability, '0.00');
    assert.match(youth.deadweight as string, /^\+\d/);
    assert.equal((byFile.get('cards/care-leavers/care-leavers.ratecard.yaml')!.delta as Json).maximumLiability, '-2250000.00');
  });

  it('table: only what changed, in an analyst\'s words, biggest first', () => {
    const run = runCli(['totals', 'cards', '--base', baseCommit], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout;
    assert.match(out, /^ {2}Maximum liability £1,028,000\.00 → £1,100,000\.00 \(\+£72,000\.00\)$/m);
    assert.match(out, /^ {2}Maximum liability £2,250,000\.00 → — \(-£2,250,000\.00\)$/m);
    assert.match(out, /^care-leavers-2018 {2}cards\/care-leavers\/care-leavers\.ratecard\.yaml {2}removed since /m);
    assert.match(out, /^perverse-example-2020 {2}cards\/perverse\/perverse\.ratecard\.yaml {2}new since /m);
    assert.match(out, /^ {2}Expected, cohort rough-sleepers — → not projected$/m);
    assert.match(out, /^ {2}Deadweight, cohort in-school £/m);
    assert.doesNotMatch(out, /Maximum liability, cohort in-school/, 'unchanged figures are left out');
    // Within each card, money changes are listed by size.
    for (const block of out.split('\n\n')) {
      const amounts = [...block.matchAll(/\(([+-])£([\d,]+\.\d\d)\)$/gm)].map((m) => Number(m[2].replace(/,/g, '')));
      for (let i = 1; i < amounts.length; i++) assert.ok(amounts[i] <= amounts[i - 1], `not biggest first:\n${block}`);
    }
  });

  it('markdown: the same lines, for a pull request comment', () => {
    const run = runCli(['totals', 'cards', '--base', baseCommit, '--format', 'markdown'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### Payment totals against [0-9a-f]{40} \([0-9a-f]{12}\)$/m);
    assert.match(run.stdout, /^- Maximum liability £1,028,000\.00 → £1,100,000\.00 \(\+£72,000\.00\)$/m);
    assert.match(run.stdout, /^\*\*care-leavers-2017\*\* \(cards\/care\/care\.ratecard\.yaml\): changed \(rate card\)$/m);
  });

  it('csv: base and now side by side, the delta exact', () => {
    const run = runCli(['totals', 'cards', '--base', baseCommit, '--format', 'csv'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const rows = run.stdout.trimEnd().split('\r\n').map((line) => line.split(','));
    const header = rows[0];
    assert.deepEqual(header, ['rateCard', 'file', 'status', 'figure', 'cohort', 'payer', 'outcome', 'year', 'base', 'now', 'delta', 'currency', 'note']);
    const col = (name: string) => header.indexOf(name);
    const total = rows.find((r) => r[0] === 'care-leavers-2017' && r[col('figure')] === 'maximumLiability' && !r[col('cohort')] && !r[col('payer')])!;
    assert.deepEqual([total[col('base')], total[col('now')], total[col('delta')]], ['1028000.00', '1100000.00', '+72000.00']);
    let money = 0;
    for (const r of rows.slice(1)) {
      if (r[col('currency')] !== 'GBP' || r.length !== header.length) continue;
      const [b, n, d] = [r[col('base')], r[col('now')], r[col('delta')]];
      const note = r[col('note')];
      if ((b === '' && !/not at base/.test(note)) || (n === '' && !/not now/.test(note))) {
        assert.equal(d, '', `${r.join(',')}: no delta beside a figure that is not known`);
        continue;
      }
      assert.equal(d, signed(pence(n || '0') - pence(b || '0')), r.join(','));
      money++;
    }
    assert.ok(money > 100);
  });

  it('reads the base with git alone: the working tree, index and HEAD are left as they were', () => {
    fs.writeFileSync(path.join(repo, 'cards/care/care.ratecard.yaml'), fs.readFileSync(path.join(repo, 'cards/care/care.ratecard.yaml'), 'utf8') + '# an unsaved thought\n');
    const before = [git(repo, 'status', '--porcelain'), git(repo, 'rev-parse', 'HEAD'), git(repo, 'stash', 'list')];
    const run = runCli(['totals', 'cards', '--base', 'HEAD~1'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([git(repo, 'status', '--porcelain'), git(repo, 'rev-parse', 'HEAD'), git(repo, 'stash', 'list')], before);
    assert.match(run.stdout, /^Payment totals against HEAD~1 /m);
    git(repo, 'checkout', '-q', '--', 'cards/care/care.ratecard.yaml');
  });

  it('names a removed rate card given by its path', () => {
    const run = runCli(['totals', 'cards/care-leavers/care-leavers.ratecard.yaml', '--base', baseCommit, '--format', 'json'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const [card] = JSON.parse(run.stdout).rateCards;
    assert.equal(card.status, 'removed');
    assert.equal(card.now, null);
    assert.equal(card.base.maximumLiability, '2250000.00');
  });

  it('works from a subfolder of a repository in a folder named as Windows users name them', () => {
    const spaced = tempRepo('OneDrive - Council (2024) ');
    try {
      const folder = path.join(spaced, 'Rate cards (draft)', 'care leavers');
      copyInto(path.join(repoRoot, 'test/fixtures/totals/care'), folder);
      const first = commitAll(spaced, 'first');
      edit(path.join(folder, 'care.ratecard.yaml'), '    price: 1200', '    price: 1500');
      const run = runCli(['totals', '.', '--base', first, '--format', 'json'], { cwd: path.dirname(folder) });
      assert.equal(run.status, 0, run.stderr);
      const [card] = JSON.parse(run.stdout).rateCards;
      assert.equal(card.file, 'care leavers/care.ratecard.yaml');
      assert.equal(card.delta.maximumLiability, '+72000.00');
      const lint = runCli(['.', '--base', first, '--format', 'json'], { cwd: folder });
      assert.equal(lint.status, 0, lint.stderr);
    } finally {
      fs.rmSync(spaced, { recursive: true, force: true });
    }
  });

  it('refuses outside a git repository, and a revision git does not know, in plain words', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-nogit-'));
    try {
      copyInto(path.join(repoRoot, 'test/fixtures/totals/care'), path.join(outside, 'care'));
      const run = runCli(['totals', 'care', '--base', 'main'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--base main: .* is not inside a git repository/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    const unknown = runCli(['totals', 'cards', '--base', 'no-such-branch'], { cwd: repo });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /git knows no commit "no-such-branch"/);
  });
  it('compares only money and counts: a report\'s errors (their lines and columns) are never figures', () => {
    const fresh = tempRepo();
    try {
      copyInto(path.join(repoRoot, 'samples/care-leavers'), fresh);
      commitAll(fresh, 'one commit');
      edit(path.join(fresh, 'care-leavers.framework.yaml'), 'baseline: { leaving-care: 0.2 }', 'baseline: { a: 0.1, b: 0.1, c: 0.3 }');
      const json = runCli(['totals', '.', '--base', 'HEAD', '--format', 'json'], { cwd: fresh });
      const [card] = JSON.parse(json.stdout).rateCards;
      assert.equal(card.now.errors.length, 3, 'the errors are still reported, as errors');
      assert.equal(card.delta.errors, undefined, 'no delta of error positions');
      assert.equal(card.delta.affectedByErrors, undefined);
      assert.match(card.delta.deadweight, /^-\d/, 'the money still moves');
      for (const format of ['table', 'markdown']) {
        const run = runCli(['totals', '.', '--base', 'HEAD', '--format', format], { cwd: fresh });
        assert.match(run.stdout, /Deadweight/);
        assert.doesNotMatch(run.stdout, /errors \d|Line|Column/, `${format}: ${run.stdout}`);
      }
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
