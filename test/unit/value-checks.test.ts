/** The checks of an outcome's value, in memory: each mistake one error, at the value, in an analyst's words. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from '../support/workspace';

const dir = path.resolve(__dirname, '../fixtures/value');
const framework = fs.readFileSync(path.join(dir, 'value.framework.yaml'), 'utf8');
const rateCard = fs.readFileSync(path.join(dir, 'value.ratecard.yaml'), 'utf8');
const errorsOf = (text: string) => check({ 'value.framework.yaml': text, 'value.ratecard.yaml': rateCard }, 'value.framework.yaml').filter((f) => f.ruleId === 'schema' || f.ruleId === 'unknown-reference' || f.ruleId === 'value-without-source');

describe('outcome values: checks', () => {
  it('the fixture is clean', () => assert.deepEqual(errorsOf(framework), []));

  it('a body listed twice is reported on the second', () => {
    const found = errorsOf(framework.replace('  - id: moj\n    name: Ministry of Justice\n', '  - id: moj\n    name: Ministry of Justice\n  - id: moj\n    name: MoJ again\n'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.line, f.text]), [['unknown-reference', 14, 'moj']]);
  });

  it('more decimals than the currency has is an error at the amount', () => {
    const found = errorsOf(framework.replace('economic: 3000', 'economic: 3000.555'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['schema', '3000.555']]);
    assert.match(found[0].message, /GBP amounts have at most 2 decimal places; 3000\.555 has 3/);
  });

  it('per and years together is one error, at years', () => {
    const found = errorsOf(framework.replace('      years: 2\n', '      years: 2\n      per: week\n'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['schema', 'years']]);
  });

  it('`cohort` with several payers and a cohort without one is an error at the key', () => {
    const two = framework.replace('payers:\n  - id: council\n    name: Example County Council\n', 'payers:\n  - id: council\n    name: Example County Council\n  - id: fund\n    name: Outcomes fund\n');
    const found = errorsOf(two.replace('fiscal: { moj: 1000 }', 'fiscal: { cohort: 1000 }'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['unknown-reference', 'cohort']]);
    assert.match(found[0].message, /`care-leavers` has no `payer`/);
  });

  it('a figure without a source is a warning on the figure', () => {
    const found = errorsOf(framework.replace('      social: { amount: 1000, source: Illustrative wellbeing value, priceYear: 2022 }\n      source: Illustrative unit costs\n', '      social: { amount: 1000, source: Illustrative wellbeing value, priceYear: 2022 }\n'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['value-without-source', 'value']]);
    assert.match(found[0].message, /gives the saving to moj and the economic value without a source/);
  });
});
