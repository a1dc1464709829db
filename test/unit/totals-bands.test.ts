/** Distance travelled in bands: one outcome, a price per band, paid once at the band reached. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { check, memoryRoot, memoryWorkspace } from '../support/workspace';

const framework = `kind: OutcomeFramework
schemaVersion: 1
id: f
title: Wellbeing
currency: GBP
payers:
  - id: ccg
    name: Clinical commissioning group
cohorts:
  - id: patients
    title: Patients with long-term conditions
    size: 100
outcomes:
  - id: wellbeing-improved
    title: Wellbeing score improved
    domain: wellbeing
    stage: progression
    role: payment
    measure: Points on the wellbeing scale
    evidence: { kind: self-reported, source: Wellbeing questionnaire }
    baseline: { patients: 0.1 }
`;

const bands = '    bands:\n      - { from: 3, price: 500 }\n      - { from: 6, price: 900 }\n';
const files = (line: string, projection = '') => ({
  'f.framework.yaml': framework,
  'r.ratecard.yaml': `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: wellbeing-improved\n${line}${projection}`,
});

function totalsOf(line: string, projection = ''): Totals {
  const workspace = memoryWorkspace(files(line, projection));
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

describe('totals: prices in bands of distance travelled', () => {
  it('pays at most the highest band, once per participant', () => {
    const t = totalsOf(bands);
    assert.equal(t.maxPerParticipant.patients, 90000);
    // 100 × 900 = 90,000, not 100 × (500 + 900).
    assert.equal(t.maximumLiability, 9000000);
  });

  it('expects each band’s share at its price, and deadweight in proportion to the baseline', () => {
    const t = totalsOf(bands, 'projection:\n  - cohort: patients\n    achievement: { wellbeing-improved: 0.4 }\n    bandShares: { wellbeing-improved: { 3: 0.25, 6: 0.15 } }\n');
    // 100 × (0.25 × 500 + 0.15 × 900) = 100 × (125 + 135) = 26,000.
    assert.equal(t.expected, 2600000);
    // Deadweight: min(0.1, 0.4) of the 0.4 reaching a band, at their average price (260 / 0.4 = 650): 100 × 0.1 × 650 = 6,500.
    assert.equal(t.deadweight, 650000);
    // Without shares by band, every achiever at the highest band: 100 × 0.4 × 900 = 36,000 (an upper estimate).
    assert.equal(totalsOf(bands, 'projection:\n  - cohort: patients\n    achievement: { wellbeing-improved: 0.4 }\n').expected, 3600000);
  });

  it('refuses price beside bands, and still asks for a price without them', () => {
    const both = check(files(bands + '    price: 500\n'), 'r.ratecard.yaml').filter((f) => f.ruleId === 'schema');
    assert.equal(both.length, 1);
    assert.match(both[0].message, /priced in `bands`/);
    const none = check(files('    note: nothing\n'), 'r.ratecard.yaml').filter((f) => f.ruleId === 'schema');
    assert.equal(none.length, 1);
    assert.match(none[0].message, /missing `price`/);
  });
});
