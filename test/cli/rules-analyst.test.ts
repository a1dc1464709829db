/**
 * The false alarms and misses an analyst found on real programmes (issue 10), each through the
 * built CLI on files modelled on real UK rate cards. The base pair is the Greater Manchester
 * rough sleeping SIB; each test changes it as the analyst's file did.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import type { JsonFile } from './rules-fixture';

const fixtures = path.join(repoRoot, 'test/fixtures/rules/rough-sleeping');
const baseFramework = fs.readFileSync(path.join(fixtures, 'rough-sleeping.framework.yaml'), 'utf8');
const baseCard = fs.readFileSync(path.join(fixtures, 'rough-sleeping.ratecard.yaml'), 'utf8');

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

let dir: string;
function lint(files: { framework?: string; card?: string; extra?: Record<string, string> } = {}, ...args: string[]) {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-analyst-')));
  fs.writeFileSync(path.join(dir, 'rough-sleeping.framework.yaml'), files.framework ?? baseFramework);
  fs.writeFileSync(path.join(dir, 'rough-sleeping.ratecard.yaml'), files.card ?? baseCard);
  for (const [name, text] of Object.entries(files.extra ?? {})) fs.writeFileSync(path.join(dir, name), text);
  const run = runCli(['--format', 'json', ...args], { cwd: dir });
  const results = JSON.parse(run.stdout) as JsonFile[];
  const all = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.basename(r.filePath) })));
  return { run, all, rule: (id: string) => all.filter((m) => m.ruleId === id) };
}

describe('rules an analyst signs off: false alarms', () => {
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the rough sleeping programme (drug and alcohol treatment, three paid wellbeing assessments) raises nothing', () => {
    const { run, all } = lint();
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(all.map((m) => `${m.file}:${m.line} ${m.ruleId}`), []);
  });

  it('overlapping-outcomes leaves separate services alone: drug and alcohol treatment', () => {
    const { rule } = lint();
    assert.deepEqual(rule('overlapping-outcomes'), []);
  });

  it('overlapping-outcomes still asks about two entries to one home, and its fix is offered as a term', () => {
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', '  - id: lodgings-entry\n    title: Moved into supported lodgings\n    domain: accommodation\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0.05 }\n  - id: wellbeing-assessment\n');
    const card = baseCard + '  - outcome: lodgings-entry\n    price: 600\n';
    const { rule } = lint({ framework, card });
    const found = rule('overlapping-outcomes');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /lodgings-entry/);
    assert.match(found[0].message, /suppress this finding with the reason/);
  });

  it('overlapping-outcomes leaves successive steps alone: 25% then 50% of a course (the DfE care leavers card)', () => {
    const step = (id: string, title: string) => `  - id: ${id}\n    title: ${title}\n    domain: education\n    stage: progression\n    role: payment\n    evidence: { kind: administrative, source: College register }\n    baseline: { rough-sleepers: 0.05 }\n`;
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', step('course-25-percent', 'Completes 25% of the course') + step('course-50-percent', 'Completes 50% of the course') + '  - id: wellbeing-assessment\n');
    const card = baseCard + '  - outcome: course-25-percent\n    price: 500\n  - outcome: course-50-percent\n    price: 500\n';
    const { rule } = lint({ framework, card });
    assert.deepEqual(rule('overlapping-outcomes'), [], 'a participant reaches 25% and then 50% of the same course: both are meant to be paid');
  });

  it('a wellbeing assessment paid on completion up to three times is neither a repeatable entry nor a subjective trigger', () => {
    const { rule } = lint();
    assert.deepEqual(rule('repeatable-entry-payment'), []);
    assert.deepEqual(rule('subjective-only-trigger'), []);
  });

  it('subjective-only-trigger still fires when payment turns on a self-reported change of score', () => {
    const framework = replaced(baseFramework, '    stage: progression\n    role: indicator\n', '    stage: progression\n    role: payment\n');
    const card = baseCard + '  - outcome: wellbeing-improved\n    price: 500\n';
    const found = lint({ framework: framework + '    baseline: { rough-sleepers: 0.1 }\n', card }).rule('subjective-only-trigger');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /wellbeing-improved/);
    assert.doesNotMatch(found[0].message, /wellbeing-assessment/);
  });

  it('front-loaded-chain counts every claim of the sustainment line: £10,000 then up to 104 weekly payments of £1,100', () => {
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', '  - id: foster-step-down\n    title: Stepped down from residential care into a foster family\n    domain: care-placement\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0 }\n  - id: foster-week\n    title: Each week in the foster family\n    domain: care-placement\n    stage: sustainment\n    role: payment\n    sustainWeeks: 1\n    requires: [foster-step-down]\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0 }\n  - id: wellbeing-assessment\n');
    const card = replaced(baseCard, '  perParticipant: 19000\n', '') + '  - outcome: foster-step-down\n    price: 10000\n  - outcome: foster-week\n    price: 1100\n    maxClaims: 104\n';
    const { rule } = lint({ framework, card });
    assert.deepEqual(rule('front-loaded-chain'), [], 'the chain can pay £124,400: the entry is 8% of it');
    assert.deepEqual(rule('repeatable-entry-payment'), [], 'weekly payments that build on the entry are not entries');
    const once = lint({ framework, card: card.replace('    maxClaims: 104\n', '') }).rule('front-loaded-chain');
    assert.equal(once.length, 1, 'paid once, £1,100 after £10,000 is front-loaded');
    assert.match(once[0].message, /£10,000\.00, 90\.1% of the £11,100\.00/);
    // The same weeks written as a payment per week held (per: week, maxPeriods: 104) count the same.
    const weekly = card.replace('    price: 1100\n    maxClaims: 104\n', '    price: 1100\n    per: week\n    maxPeriods: 104\n');
    const perWeek = lint({ framework, card: weekly });
    assert.deepEqual(perWeek.rule('schema'), []);
    assert.deepEqual(perWeek.rule('front-loaded-chain'), [], 'per week for up to 104 weeks: the entry is 8% of £124,400');
    const fewWeeks = lint({ framework, card: weekly.replace('    maxPeriods: 104\n', '    maxPeriods: 4\n') }).rule('front-loaded-chain');
    assert.equal(fewWeeks.length, 1, 'four weeks of £1,100 after £10,000 is front-loaded');
    assert.match(fewWeeks[0].message, /£10,000\.00, 69\.4% of the £14,400\.00/);
  });

  it('front-loaded-chain judges what the entry pays after its discount for deadweight', () => {
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', '  - id: foster-step-down\n    title: Stepped down from residential care into a foster family\n    domain: care-placement\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0 }\n  - id: foster-week\n    title: Each week in the foster family\n    domain: care-placement\n    stage: sustainment\n    role: payment\n    sustainWeeks: 1\n    requires: [foster-step-down]\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0 }\n  - id: wellbeing-assessment\n');
    const card = (discount: number) => replaced(baseCard, '  perParticipant: 19000\n', '') + `  - outcome: foster-step-down\n    price: 3000\n    discount: ${discount}\n  - outcome: foster-week\n    price: 50\n    per: week\n    maxPeriods: 20\n`;
    // 33% off £3,000 is £2,010; with 20 weeks of £50 the chain pays £3,010, of which the entry is 66.8%.
    const third = lint({ framework, card: card(33) });
    assert.deepEqual(third.rule('schema'), []);
    const found = third.rule('front-loaded-chain');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /pays £2,010\.00 after its 33% discount, 66\.8% of the £3,010\.00/);
    // 70% off is £900 of a £1,900 chain: 47%, under the 50% the rule allows.
    assert.deepEqual(lint({ framework, card: card(70) }).rule('front-loaded-chain'), []);
  });

  it('high-deadweight names no cohort when all six have the same share', () => {
    const boroughs = ['sutton-yp', 'merton-yp', 'kingston-yp', 'croydon-yp', 'bromley-yp', 'lambeth-yp'];
    const cohorts = boroughs.map((id) => `  - id: ${id}\n    title: Rough sleepers in ${id.replace('-yp', '')}\n    eligibility:\n      - Seen sleeping rough at least six times in the last year\n      - Aged 18 or over\n    size: 50\n    needs: high\n`).join('');
    const everyone = (share: number) => `{ ${boroughs.map((b) => `${b}: ${share}`).join(', ')} }`;
    let framework = replaced(baseFramework, baseFramework.slice(baseFramework.indexOf('  - id: rough-sleepers'), baseFramework.indexOf('outcomes:')), cohorts);
    framework = framework.replace(/baseline: \{ rough-sleepers: ([0-9.]+) \}/g, (_, share: string) => `baseline: ${everyone(Number(share) * 8)}`);
    const projection = boroughs.map((b) => `  - cohort: ${b}\n    participants: 50\n    achievement: { accommodation-entry: 0.8, accommodation-13w: 0.5 }\n`).join('');
    const card = replaced(baseCard, '  perParticipant: 19000\n', '') + `projection:\n${projection}`;
    const found = lint({ framework, card }).rule('high-deadweight');
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0].message, /most of all for/);
    assert.match(found[0].message, /alike in every cohort/);
  });

  it('uniform-price-mixed-needs says it once for a card whose general lines serve cohorts of different needs', () => {
    const framework = replaced(baseFramework, 'outcomes:\n', '  - id: hidden-homeless\n    title: Hidden homeless, sofa surfing\n    eligibility:\n      - Without a home of their own for at least 3 months\n      - Aged 18 or over\n    size: 100\n    needs: low\noutcomes:\n');
    const withBaselines = framework.replace(/baseline: \{ rough-sleepers: ([0-9.]+) \}/g, 'baseline: { rough-sleepers: $1, hidden-homeless: $1 }');
    const found = lint({ framework: withBaselines }).rule('uniform-price-mixed-needs');
    assert.equal(found.length, 1, found.map((m) => m.line).join(','));
    assert.match(found[0].message, /^7 outcomes/);
  });
});

describe('rules an analyst signs off: misses', () => {
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('entry-without-sustainment judges what the rate card pays: entry priced, its sustainment not', () => {
    const card = replaced(baseCard, '  - outcome: accommodation-13w\n    price: 1500\n', '');
    const found = lint({ card }).rule('entry-without-sustainment');
    assert.deepEqual(found.map((m) => [m.file, m.line]), [['rough-sleeping.ratecard.yaml', 12]]);
    assert.match(found[0].message, /prices none of the sustainment outcomes the framework builds on it \(accommodation-13w\)/);
  });

  it('repeatable-entry-payment sees accommodation churn in disguise: a week-long "sustainment" on no entry, paid up to 6 times', () => {
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', '  - id: new-tenancy-1w\n    title: Holds a new tenancy for a week\n    domain: accommodation\n    stage: sustainment\n    role: payment\n    sustainWeeks: 1\n    evidence: { kind: administrative, source: Tenancy agreement }\n    baseline: { rough-sleepers: 0.05 }\n  - id: wellbeing-assessment\n');
    const card = baseCard + '  - outcome: new-tenancy-1w\n    price: 400\n    maxClaims: 6\n';
    const found = lint({ framework, card }).rule('repeatable-entry-payment');
    assert.deepEqual(found.map((m) => [m.severity, m.line]), [['error', 29]]);
    assert.match(found[0].message, /held for only 1 week and builds on no entry/);
  });

  it('broad-cohort flags a single vague eligibility criterion', () => {
    const framework = replaced(baseFramework, '      - Seen sleeping rough at least six times in the last year\n      - Aged 18 or over\n      - Referred by a local authority outreach team\n', '      - Any care leaver aged 16 to 25 known to the council\n');
    const found = lint({ framework }).rule('broad-cohort');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /only 1 eligibility criterion \(at least 2 expected\)/);
  });

  it('qualification-churn flags a level 1 qualification of one guided learning hour', () => {
    const framework = replaced(baseFramework, '  - id: wellbeing-assessment\n', '  - id: level-1\n    title: First level 1 qualification\n    domain: education\n    stage: attainment\n    role: payment\n    qualificationLevel: 1\n    minGuidedHours: 1\n    evidence: { kind: verified, source: Awarding body certificate }\n    baseline: { rough-sleepers: 0.02 }\n  - id: wellbeing-assessment\n');
    const card = baseCard + '  - outcome: level-1\n    price: 500\n';
    const found = lint({ framework, card }).rule('qualification-churn');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /only 1 guided learning hour at level 1; real rate cards ask for at least 120/);
    assert.deepEqual(lint({ framework: framework.replace('minGuidedHours: 1\n', 'minGuidedHours: 120\n'), card }).rule('qualification-churn'), []);
  });

  it('no-baseline with no baselines anywhere is one warning, not a line per outcome', () => {
    const framework = baseFramework.replace(/    baseline: \{ rough-sleepers: [0-9.]+ \}\n/g, '');
    const found = lint({ framework }).rule('no-baseline');
    assert.deepEqual(found.map((m) => m.severity), ['warning']);
    assert.match(found[0].message, /None of the 7 paid outcomes has a baseline/);
  });
});
