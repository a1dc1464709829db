/**
 * One mistake, one message (format.md): a value that failed validation is reported by its check
 * and never judged by a rule. For each rule, a mistake an analyst makes in the rough sleeping
 * programme that would otherwise make the rule fire as well.
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

const lodgings = '  - id: lodgings-entry\n    title: Moved into supported lodgings\n    domain: accommodation\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n    baseline: { rough-sleepers: 0.05 }\n';
const tenancyWeek = '  - id: new-tenancy-1w\n    title: Holds a new tenancy for a week\n    domain: accommodation\n    stage: sustainment\n    role: payment\n    sustainWeeks: 1\n    evidence: { kind: administrative, source: Tenancy agreement }\n    baseline: { rough-sleepers: 0.05 }\n';
const level = (id: string, n: string, extra = '') => `  - id: ${id}\n    title: First level ${id.slice(-1)} qualification\n    domain: education\n    stage: attainment\n    role: payment\n    qualificationLevel: ${n}\n${extra}    evidence: { kind: verified, source: Awarding body certificate }\n    baseline: { rough-sleepers: 0.02 }\n`;
const beforeAssessment = '  - id: wellbeing-assessment\n';
const lowNeeds = '  - id: hidden-homeless\n    title: Hidden homeless, sofa surfing\n    eligibility:\n      - Without a home of their own for at least 3 months\n      - Aged 18 or over\n    size: 100\n    needs: low\noutcomes:\n';
const projection = 'projection:\n  - cohort: rough-sleepers\n    participants: 300\n    achievement: { accommodation-entry: 0.6, accommodation-13w: 0.4, wellbeing-assessment: 0.9 }\n';

interface Case {
  rule: string;
  mistake: string;
  framework?: (text: string) => string;
  card?: (text: string) => string;
  /** The check that reports the mistake. */
  check: string;
}

const sub = (from: string, to: string) => (text: string) => {
  assert.ok(text.includes(from), `the fixture holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
};
const both = (...steps: ((t: string) => string)[]) => (text: string) => steps.reduce((t, step) => step(t), text);

const cases: Case[] = [
  { rule: 'entry-without-sustainment', mistake: 'a misspelt stage on the sustainment outcome', framework: sub('    stage: sustainment\n    role: payment\n    sustainWeeks: 13\n', '    stage: sustainmnet\n    role: payment\n    sustainWeeks: 13\n'), check: 'schema' },
  { rule: 'entry-without-sustainment', mistake: 'a misspelt domain on the sustainment outcome', framework: sub('    domain: accommodation\n    stage: sustainment\n', '    domain: acommodation\n    stage: sustainment\n'), check: 'schema' },
  { rule: 'entry-without-sustainment', mistake: 'a misspelt sustainment outcome on the rate card', card: sub('  - outcome: accommodation-13w\n', '  - outcome: acommodation-13w\n'), check: 'unknown-reference' },
  { rule: 'repeatable-entry-payment', mistake: 'a misspelt requires on a week-long sustainment paid 6 times', framework: sub(beforeAssessment, tenancyWeek.replace('    evidence', '    requires: [acommodation-entry]\n    evidence') + beforeAssessment), card: (t) => t + '  - outcome: new-tenancy-1w\n    price: 400\n    maxClaims: 6\n', check: 'unknown-reference' },
  { rule: 'front-loaded-chain', mistake: 'a sustainment price written with a thousands separator', framework: sub(beforeAssessment, '  - id: accommodation-26w\n    title: 6 months in accommodation\n    domain: accommodation\n    stage: sustainment\n    role: payment\n    sustainWeeks: 26\n    requires: [accommodation-13w]\n    evidence: { kind: administrative, source: Landlord records }\n    baseline: { rough-sleepers: 0.03 }\n' + beforeAssessment), card: both(sub('    price: 600\n', '    price: 2000\n'), (t) => t + '  - outcome: accommodation-26w\n    price: "1,500"\n'), check: 'schema' },
  { rule: 'engagement-heavy', mistake: 'a sustainment price written as text', card: sub('    price: 1500\n', '    price: fifteen hundred\n'), check: 'schema' },
  { rule: 'no-baseline', mistake: 'a baseline for a misspelt cohort', framework: sub('    baseline: { rough-sleepers: 0.1 }\n', '    baseline: { rough-sleeper: 0.1 }\n'), check: 'unknown-reference' },
  { rule: 'high-deadweight', mistake: 'a baseline written as a percentage (50 for 0.5)', framework: sub('    baseline: { rough-sleepers: 0.1 }\n', '    baseline: { rough-sleepers: 50 }\n'), card: (t) => t + projection, check: 'schema' },
  { rule: 'broad-cohort', mistake: 'eligibility written as one line of text', framework: sub('    eligibility:\n      - Seen sleeping rough at least six times in the last year\n      - Aged 18 or over\n      - Referred by a local authority outreach team\n', '    eligibility: Seen sleeping rough at least six times in the last year, aged 18 or over\n'), check: 'schema' },
  { rule: 'uniform-price-mixed-needs', mistake: 'a misspelt needs level', framework: both(sub('outcomes:\n', lowNeeds), sub('    needs: high\n', '    needs: hihg\n'), (t) => t.replace(/baseline: \{ rough-sleepers: ([0-9.]+) \}/g, 'baseline: { rough-sleepers: $1, hidden-homeless: $1 }')), check: 'schema' },
  { rule: 'no-progression-measures', mistake: 'a misspelt progression stage', framework: sub('    stage: progression\n', '    stage: progresion\n'), check: 'schema' },
  { rule: 'overlapping-outcomes', mistake: 'a misspelt excludes between two entries to a home', framework: sub(beforeAssessment, lodgings.replace('    baseline', '    excludes: [acommodation-entry]\n    baseline') + beforeAssessment), card: (t) => t + '  - outcome: lodgings-entry\n    price: 600\n', check: 'unknown-reference' },
  { rule: 'uncapped-liability', mistake: 'a misspelt caps.total', card: sub('  total: 2629000\n', '  totl: 2629000\n'), check: 'schema' },
  { rule: 'subjective-only-trigger', mistake: 'a misspelt engagement stage on the wellbeing assessment', framework: sub('    stage: engagement\n', '    stage: engagment\n'), check: 'schema' },
  { rule: 'no-learning-indicators', mistake: 'a misspelt indicator role', framework: sub('    role: indicator\n', '    role: indicatr\n'), check: 'schema' },
  { rule: 'no-person-led-outcomes', mistake: 'personLed written as text', framework: sub('    personLed: true\n', '    personLed: "yes"\n'), check: 'schema' },
  { rule: 'inverted-progression', mistake: 'a level mistyped (11 for 1) on the cheaper qualification', framework: sub(beforeAssessment, level('level-1', '11') + level('level-2', '2') + beforeAssessment), card: (t) => t + '  - outcome: level-1\n    price: 2500\n  - outcome: level-2\n    price: 3500\n', check: 'schema' },
  { rule: 'qualification-churn', mistake: 'guided learning hours written with their unit', framework: sub(beforeAssessment, level('level-1', '1', '    minGuidedHours: 120 hours\n').replace('    qualificationLevel: 1\n', '') + beforeAssessment), card: (t) => t + '  - outcome: level-1\n    price: 2500\n', check: 'schema' },
  { rule: 'cap-binds', mistake: 'a price line for a misspelt cohort', card: (t) => t.replace('  perParticipant: 19000\n', '  perParticipant: 2000\n') + '  - outcome: accommodation-13w\n    cohorts: [rough-sleeper]\n    price: 1500\n', check: 'unknown-reference' },
];

describe('one mistake, one message: rules skip values that failed validation', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.rule}: ${c.mistake} gives only the ${c.check} error`, () => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-one-')));
      fs.writeFileSync(path.join(dir, 'rough-sleeping.framework.yaml'), (c.framework ?? ((t) => t))(baseFramework));
      fs.writeFileSync(path.join(dir, 'rough-sleeping.ratecard.yaml'), (c.card ?? ((t) => t))(baseCard));
      // price-context judges a readable price's level against real programmes (a £2,000 entry is high), not a mistake: off here.
      const run = runCli(['--format', 'json', '--rule', 'price-context=off'], { cwd: dir });
      const messages = (JSON.parse(run.stdout) as JsonFile[]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], new RegExp(` ${c.check}: `));
    });
  }
});
