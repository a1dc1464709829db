import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { framework, makeWorkspace, messagesOf, rateCard } from './rules-fixture';

/** The fixture with four fixable findings: a repeatable entry, no total cap, a cohort without eligibility, two overlapping entries. */
const brokenFramework = framework
  .replace('    eligibility:\n      - Looked after for at least 13 weeks since age 14\n      - Aged 16 to 21 at referral\n', '')
  .replace(
    '  - id: wellbeing\n',
    '  # Supported lodgings: a host family, for those not ready for a tenancy\n  - id: lodgings-entry\n    title: Moved into supported lodgings\n    domain: accommodation\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }   # from the placement team\n    baseline: { leaving-care: 0.1 }\n  - id: lodgings-26w\n    title: Lodgings kept for 26 weeks\n    domain: accommodation\n    stage: sustainment\n    role: payment\n    sustainWeeks: 26\n    requires: [lodgings-entry]\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { leaving-care: 0.05 }\n  - id: wellbeing\n',
  );
const brokenRateCard = rateCard.replace('caps:\n  total: 500000\n', '') + '  - outcome: lodgings-entry   # priced lower: shorter stays\n    price: 500\n  - outcome: lodgings-26w\n    price: 1000\n';

/** What --fix must produce: the same bytes, with only the fixes' edits. */
const fixedFramework = brokenFramework
  .replace('    size: 100\n', '    size: 100\n    eligibility:\n      - Describe who may be referred (replace this placeholder)\n')
  .replace('    baseline: { leaving-care: 0.1 }\n  - id: lodgings-26w\n', '    baseline: { leaving-care: 0.1 }\n    excludes: [home-entry]\n  - id: lodgings-26w\n');
const fixedRateCard = brokenRateCard.replace('maxClaims: 3   # three moves allowed', 'maxClaims: 1   # three moves allowed').replace('payers: { council: 100 }\n', 'payers: { council: 100 }\ncaps:\n  total: 300000\n');

describe('outcomes-lint --fix and --fix-dry-run', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  it('the fixture has the four fixable findings', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': brokenFramework, 'housing.ratecard.yaml': brokenRateCard });
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.deepEqual(messagesOf(run.stdout, 'housing.framework.yaml').map((m) => m[0]), ['broad-cohort', 'overlapping-outcomes']);
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml').map((m) => m[0]), ['uncapped-liability', 'repeatable-entry-payment']);
  });

  it('--fix applies only the fixes that change no contract term: the eligibility placeholder, which keeps its finding open', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': brokenFramework, 'housing.ratecard.yaml': brokenRateCard });
    const run = runCli(['--fix', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, 'the repeatable accommodation entry is still an error: its fix changes a term');
    assert.equal(read('housing.framework.yaml'), brokenFramework.replace('    size: 100\n', '    size: 100\n    eligibility:\n      - Describe who may be referred (replace this placeholder)\n'));
    assert.equal(read('housing.ratecard.yaml'), brokenRateCard, 'maxClaims and caps are contract terms: untouched');
    assert.equal(run.stderr, 'Fixed 1 problem in housing.framework.yaml: Add an eligibility list with a placeholder criterion to fill in (broad-cohort)\n3 fixes would change a contract term (a price, maxClaims, a cap, excludes...) and were not applied: see them with --fix-dry-run, and apply them with --fix --fix-type term once agreed.\n');
    assert.deepEqual(messagesOf(run.stdout, 'housing.framework.yaml').map((m) => m[0]), ['broad-cohort', 'overlapping-outcomes'], 'the placeholder keeps broad-cohort open');
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml').map((m) => m[0]), ['uncapped-liability', 'repeatable-entry-payment']);
  });

  it('--fix --fix-type term also applies the term fixes, keeps every other byte, and writes the cap after the maxClaims fix', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': brokenFramework, 'housing.ratecard.yaml': brokenRateCard });
    const run = runCli(['--fix', '--fix-type', 'term', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(read('housing.framework.yaml'), fixedFramework);
    assert.equal(read('housing.ratecard.yaml'), fixedRateCard, 'caps.total is the maximum liability once maxClaims is 1: 100 × (1,000 + 2,000)');
    assert.deepEqual(messagesOf(run.stdout, 'housing.ratecard.yaml'), [], 'the output is of the fixed files');
    assert.match(run.stderr, /Fixed 2 problems in housing\.framework\.yaml: Add an eligibility list with a placeholder criterion to fill in \(broad-cohort\); Add home-entry to the excludes of lodgings-entry \(overlapping-outcomes\)/);
    assert.match(run.stderr, /Fixed 2 problems in housing\.ratecard\.yaml: Set maxClaims of home-entry from 3 to 1 \(repeatable-entry-payment\); Add caps\.total: 300000 \(the maximum liability, £300,000\.00\) \(uncapped-liability\)/);
    const again = runCli(['--format', 'json'], { cwd: dir });
    assert.deepEqual(messagesOf(again.stdout, 'housing.ratecard.yaml'), []);
    assert.deepEqual(messagesOf(again.stdout, 'housing.framework.yaml').map((m) => m[0]), ['broad-cohort'], 'the placeholder keeps the finding open until a person replaces it');
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('tmp')), [], 'no temporary file is left behind');
  });

  it('a cap a fix writes is the maximum liability after every other fix of the run, whatever the rules order', () => {
    // qualification-churn comes after uncapped-liability in the rules' order: its maxClaims fix must still be made first.
    const withQualification = framework.replace('  - id: wellbeing\n', '  - id: level-2\n    title: Level 2 qualification\n    domain: education\n    stage: attainment\n    role: payment\n    qualificationLevel: 2\n    minGuidedHours: 325\n    evidence: { kind: verified, source: Awarding body certificate }\n    baseline: { leaving-care: 0.1 }\n  - id: wellbeing\n');
    const card = rateCard.replace('caps:\n  total: 500000\n', '').replace('    maxClaims: 3   # three moves allowed\n', '') + '  - outcome: level-2\n    price: 800\n    maxClaims: 3 # one per subject\n';
    dir = makeWorkspace({ 'housing.framework.yaml': withQualification, 'housing.ratecard.yaml': card });
    const run = runCli(['--fix', '--fix-type', 'term'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(read('housing.ratecard.yaml'), card.replace('maxClaims: 3 # one per subject', 'maxClaims: 1 # one per subject').replace('payers: { council: 100 }\n', 'payers: { council: 100 }\ncaps:\n  total: 380000\n'), '100 × (1,000 + 2,000 + 800), not 100 × (1,000 + 2,000 + 3 × 800)');
  });

  it('--fix sets maxClaims to 1 for a qualification that could be paid again at the same level', () => {
    const withQualification = framework.replace('  - id: wellbeing\n', '  - id: level-2\n    title: Level 2 qualification\n    domain: education\n    stage: attainment\n    role: payment\n    qualificationLevel: 2\n    evidence: { kind: verified, source: Awarding body certificate }\n    baseline: { leaving-care: 0.1 }\n  - id: wellbeing\n');
    const card = rateCard + '  - outcome: level-2\n    price: 800\n    maxClaims: unlimited # one per subject\n';
    dir = makeWorkspace({ 'housing.framework.yaml': withQualification, 'housing.ratecard.yaml': card });
    const before = runCli(['--format', 'json', '--rule', 'repeatable-entry-payment=off', '--rule', 'uncapped-liability=off', '--rule', 'price-context=off'], { cwd: dir });
    assert.deepEqual(messagesOf(before.stdout, 'housing.ratecard.yaml').map((m) => [m[0], m[2]]), [['qualification-churn', 18]]);
    const run = runCli(['--fix', '--fix-type', 'term', '--rule', 'repeatable-entry-payment=off', '--rule', 'uncapped-liability=off', '--rule', 'price-context=off'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout);
    assert.equal(read('housing.ratecard.yaml'), card.replace('maxClaims: unlimited # one per subject', 'maxClaims: 1 # one per subject'), 'rules turned off are not fixed');
    assert.match(run.stderr, /Fixed 1 problem in housing\.ratecard\.yaml: Set maxClaims of level-2 from unlimited to 1 \(qualification-churn\)/);
  });

  it('--fix keeps Windows line endings', () => {
    const crlf = rateCard.replace(/\n/g, '\r\n');
    dir = makeWorkspace({ 'housing.ratecard.yaml': crlf });
    const run = runCli(['--fix', '--fix-type', 'term'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout);
    assert.equal(read('housing.ratecard.yaml'), crlf.replace('maxClaims: 3', 'maxClaims: 1'));
  });

  it('--fix leaves files without fixes untouched, and suppressed findings unfixed', () => {
    const suppressed = rateCard.replace('    maxClaims: 3', '    # outcomes-lint-disable-next-line repeatable-entry-payment -- three moves, agreed with the board\n    maxClaims: 3');
    dir = makeWorkspace({ 'housing.ratecard.yaml': suppressed });
    const before = fs.statSync(path.join(dir, 'housing.framework.yaml')).mtimeMs;
    const run = runCli(['--fix'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout);
    assert.equal(read('housing.ratecard.yaml'), suppressed);
    assert.equal(fs.statSync(path.join(dir, 'housing.framework.yaml')).mtimeMs, before);
    assert.equal(run.stderr, '');
  });

  it('--fix-dry-run prints a unified diff, writes nothing, and exits as the fixed files would', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': brokenFramework, 'housing.ratecard.yaml': brokenRateCard });
    const stat = fs.statSync(path.join(dir, 'housing.ratecard.yaml'));
    const run = runCli(['--fix-dry-run'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(read('housing.framework.yaml'), brokenFramework);
    assert.equal(read('housing.ratecard.yaml'), brokenRateCard);
    assert.equal(fs.statSync(path.join(dir, 'housing.ratecard.yaml')).mtimeMs, stat.mtimeMs);
    assert.match(run.stdout, /^--- a\/housing\.ratecard\.yaml\n\+\+\+ b\/housing\.ratecard\.yaml\n/m);
    assert.match(run.stdout, /\n-    maxClaims: 3   # three moves allowed\n\+    maxClaims: 1   # three moves allowed\n/);
    assert.match(run.stdout, /\n\+caps:\n\+  total: 300000\n/);
    assert.match(run.stdout, /\n\+    excludes: \[home-entry\]\n/);
    assert.match(run.stderr, /Would fix 2 problems in housing\.ratecard\.yaml: Set maxClaims of home-entry from 3 to 1 \(repeatable-entry-payment\) \[changes a contract term: applied only with --fix-type term\]; Add caps\.total: 300000 \(the maximum liability, £300,000\.00\) \(uncapped-liability\) \[changes a contract term: applied only with --fix-type term\]/);
    assert.match(run.stderr, /Would fix 2 problems in housing\.framework\.yaml: Add an eligibility list with a placeholder criterion to fill in \(broad-cohort\); Add home-entry/, 'a fix that changes no term is not marked');
  });

  it('--fix-type needs --fix, and knows only term and safe', () => {
    dir = makeWorkspace();
    const alone = runCli(['--fix-type', 'term'], { cwd: dir });
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--fix-type needs --fix/);
    const unknown = runCli(['--fix', '--fix-type', 'layout'], { cwd: dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown fix type "layout"/);
    assert.equal(read('housing.ratecard.yaml'), rateCard);
  });

  it('--fix and --fix-dry-run together are a usage error', () => {
    dir = makeWorkspace();
    const run = runCli(['--fix', '--fix-dry-run'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--fix or --fix-dry-run, not both/);
    assert.equal(read('housing.ratecard.yaml'), rateCard);
  });
});
