/** Value figures past exact counting: said so, never added up inexactly. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeValue, outcomeValues, priceToValue } from '../../server/src/core/value';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const dir = path.resolve(__dirname, '../fixtures/value');
const framework = fs.readFileSync(path.join(dir, 'value.framework.yaml'), 'utf8');
const rateCard = fs.readFileSync(path.join(dir, 'value.ratecard.yaml'), 'utf8');

function modelsOf(frameworkText: string) {
  const workspace = memoryWorkspace({ 'value.framework.yaml': frameworkText, 'value.ratecard.yaml': rateCard });
  const card = workspace.analyze(path.join(memoryRoot, 'value.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(card);
  assert.ok(link.ok);
  return { card, framework: link.framework };
}
const valueOf = (frameworkText: string) => { const { card, framework } = modelsOf(frameworkText); return computeValue(card, framework); };

describe('value figures: fiscal values too large to add up exactly', () => {
  it('the fixture has its savings', () => {
    assert.ok((valueOf(framework).savings ?? 0) > 0);
  });

  it('two figures each countable but together past 9,007,199,254,740,991 pence: not estimated, with why', () => {
    // £60 trillion each: 6,000,000,000,000,000 pence, exact on its own; the two together are not.
    const v = valueOf(framework.replace('fiscal: { dwp: 2000, council: 500 }', 'fiscal: { dwp: 60000000000000, council: 60000000000000 }'));
    assert.equal(v.savings, null);
    assert.match(v.notEstimated.savings, /add up to more than can be counted exactly/);
    // Price ÷ value of the outcome (the hover, the lens and price-above-value read it): not a ratio either.
    const { card, framework: model } = modelsOf(framework.replace('fiscal: { dwp: 2000, council: 500 }', 'fiscal: { dwp: 60000000000000, council: 60000000000000 }'));
    const [outcome, value] = [...outcomeValues(model)].find(([, o]) => o.fiscal.has('dwp'))!;
    assert.deepEqual(priceToValue(card, outcome, value), { ratio: null, reason: 'fiscal values too large to add up exactly' });
  });
});
