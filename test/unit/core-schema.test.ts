/**
 * Schema errors, one test per ajv keyword our schemas use: each lands on the node a person
 * would point at, says something useful, and is reported exactly once.
 */
import { strict as assert } from 'node:assert';
import type { Located } from '../support/workspace';
import { checkBuiltIn as check, edit, framework, pair, rateCard } from './core-fixtures';

interface Case {
  name: string;
  file: 'care.framework.yaml' | 'care.ratecard.yaml';
  from: string;
  to: string;
  /** 1-based, where the diagnostic starts. */
  line: number;
  column: number;
  /** The underlined text. */
  text: string;
  message: RegExp;
}

const cases: Case[] = [
  // required
  { name: 'required at the top level names the missing field on the first key', file: 'care.framework.yaml', from: 'title: Care leavers into work\n', to: '', line: 1, column: 1, text: 'kind', message: /This file is missing `title`/ },
  { name: 'required in a list item points at the item and names it', file: 'care.framework.yaml', from: '    domain: wellbeing\n', to: '', line: 38, column: 5, text: 'id', message: /Outcome `wellbeing-improved` is missing `domain`/ },
  { name: 'required in a nested mapping points at the parent key', file: 'care.framework.yaml', from: 'evidence: { kind: administrative, source: Payslip }', to: 'evidence: { source: Payslip }', line: 28, column: 5, text: 'evidence', message: /`evidence` is missing `kind`/ },
  { name: 'required on a price line', file: 'care.ratecard.yaml', from: '    price: 660\n', to: '', line: 10, column: 5, text: 'outcome', message: /Price line for `employment-entry` is missing `price`/ },
  // additionalProperties
  { name: 'an unknown key is underlined with a did-you-mean', file: 'care.framework.yaml', from: '    title: In work for 26 weeks', to: '    titel: In work for 26 weeks', line: 31, column: 5, text: 'titel', message: /`titel` is not a field .*Did you mean `title`\?/ },
  { name: 'a misspelt required key is one finding on the key', file: 'care.ratecard.yaml', from: '    price: 660', to: '    pryce: 660', line: 11, column: 5, text: 'pryce', message: /`pryce` is not a field .*Did you mean `price`\?.*`price` is missing/ },
  { name: 'an unknown key with nothing close lists the allowed keys', file: 'care.ratecard.yaml', from: 'caps:\n  total: 250000', to: 'caps:\n  total: 250000\n  whatever: 3', line: 9, column: 3, text: 'whatever', message: /Allowed here: `perParticipant`, `total`/ },
  { name: 'a misspelt sustainWeeks is one finding, not also the if/then', file: 'care.framework.yaml', from: 'sustainWeeks: 26', to: 'sustainWeek: 26', line: 35, column: 5, text: 'sustainWeek', message: /Did you mean `sustainWeeks`\? As written, `sustainWeeks` is missing/ },
  { name: 'a framework path that is not a YAML file is one finding', file: 'care.ratecard.yaml', from: 'framework: care.framework.yaml', to: 'framework: care.framework', line: 4, column: 12, text: 'care.framework', message: /`framework` must be the path of a YAML file/ },
  // type
  { name: 'type: a word where a whole number is needed', file: 'care.framework.yaml', from: 'size: 100', to: 'size: many', line: 20, column: 11, text: 'many', message: /`size` must be a whole number, not text; found "many"/ },
  { name: 'type: a price with a currency symbol says how to write it', file: 'care.ratecard.yaml', from: 'price: 660', to: 'price: "£660"', line: 11, column: 12, text: '"£660"', message: /plain number, such as 660/ },
  { name: 'type: text where a list is needed', file: 'care.framework.yaml', from: '    eligibility:\n      - Aged 17 or 18 at referral', to: '    eligibility: Aged 17 or 18 at referral', line: 18, column: 18, text: 'Aged 17 or 18 at referral', message: /`eligibility` must be a list/ },
  { name: 'type: an empty value underlines its key', file: 'care.ratecard.yaml', from: 'price: 660', to: 'price:', line: 11, column: 5, text: 'price', message: /`price` is empty; give a number, such as 1500/ },
  { name: 'type: a share written as a percentage says how to write it', file: 'care.ratecard.yaml', from: 'employment-entry: 0.4', to: 'employment-entry: 40%', line: 19, column: 25, text: '40%', message: /must be a share between 0 and 1, without a % sign: write 0\.4 for 40%/ },
  { name: 'type: a payer share with a % sign is one finding, not a wrong sum as well', file: 'care.ratecard.yaml', from: 'payers: { dfe: 80, council: 20 }', to: 'payers: { dfe: 80%, council: 20 }', line: 6, column: 16, text: '80%', message: /`dfe` must be a plain number of percent, without a % sign: write 80/ },
  { name: 'required: a file without kind is told which kind to add', file: 'care.ratecard.yaml', from: 'kind: RateCard\n', to: '', line: 1, column: 1, text: 'schemaVersion', message: /This file is missing `kind: RateCard`/ },
  // enum
  { name: 'enum lists the allowed values and suggests the near one', file: 'care.framework.yaml', from: 'stage: sustainment', to: 'stage: sustainmnet', line: 33, column: 12, text: 'sustainmnet', message: /`stage` must be one of `engagement`, `entry`, `sustainment`, `progression`, `attainment`; found "sustainmnet"\. Did you mean `sustainment`\?/ },
  { name: 'enum on evidence kind', file: 'care.framework.yaml', from: '{ kind: administrative,', to: '{ kind: official,', line: 28, column: 23, text: 'official', message: /`kind` must be one of `administrative`, `verified`, `self-reported`/ },
  // const
  { name: 'const: a misspelt kind, with a did-you-mean', file: 'care.ratecard.yaml', from: 'kind: RateCard', to: 'kind: Ratecard', line: 1, column: 7, text: 'Ratecard', message: /`kind` must be `RateCard`; found "Ratecard"\. Did you mean `RateCard`\?/ },
  { name: 'const: schemaVersion', file: 'care.framework.yaml', from: 'schemaVersion: 1', to: 'schemaVersion: 2', line: 2, column: 16, text: '2', message: /`schemaVersion` must be `1`; found 2/ },
  // pattern
  { name: 'pattern: a currency code in lower case', file: 'care.framework.yaml', from: 'currency: GBP', to: 'currency: gbp', line: 5, column: 11, text: 'gbp', message: /ISO 4217 currency code/ },
  { name: 'pattern: an id with spaces', file: 'care.framework.yaml', from: '  - id: council', to: '  - id: County Council', line: 13, column: 9, text: 'County Council', message: /lower-case letters, digits and single hyphens/ },
  { name: 'pattern: a date that is not ISO', file: 'care.framework.yaml', from: 'end: 2022-03-31', to: 'end: 31/03/2022', line: 9, column: 8, text: '31/03/2022', message: /ISO date, YYYY-MM-DD/ },
  // minimum / maximum
  { name: 'minimum: a negative price', file: 'care.ratecard.yaml', from: 'price: 660', to: 'price: -660', line: 11, column: 12, text: '-660', message: /`price` must be at least 0; found -660/ },
  { name: 'maximum: a baseline share above 1', file: 'care.framework.yaml', from: 'baseline: { leaving-care: 0.05 }', to: 'baseline: { leaving-care: 5 }', line: 37, column: 31, text: '5', message: /at most 1 \(a share between 0 and 1/ },
  { name: 'maximum: a payer share above 100', file: 'care.ratecard.yaml', from: 'payers: { dfe: 80, council: 20 }', to: 'payers: { dfe: 180, council: 20 }', line: 6, column: 16, text: '180', message: /`dfe` must be at most 100 \(percent\)/ },
  // minItems
  { name: 'minItems: an empty list of payers', file: 'care.framework.yaml', from: 'payers:\n  - id: dfe\n    name: Department for Education\n  - id: council\n    name: Example County Council\n', to: 'payers: []\n', line: 10, column: 9, text: '[]', message: /`payers` needs at least 1 entry; it is empty/ },
  // minLength
  { name: 'minLength: an empty title', file: 'care.framework.yaml', from: 'title: Care leavers into work', to: 'title: ""', line: 4, column: 8, text: '""', message: /`title` must not be empty/ },
  // uniqueItems
  { name: 'uniqueItems points at the repeated item', file: 'care.framework.yaml', from: 'requires: [employment-entry]', to: 'requires: [employment-entry, employment-entry]', line: 36, column: 34, text: 'employment-entry', message: /lists "employment-entry" twice \(items 1 and 2\)/ },
  // propertyNames
  { name: 'propertyNames: a baseline for a cohort id that is not an id', file: 'care.framework.yaml', from: 'baseline: { leaving-care: 0.1 }', to: 'baseline: { Leaving Care: 0.1 }', line: 29, column: 17, text: 'Leaving Care', message: /`Leaving Care` is not a valid name of `baseline`/ },
  { name: 'propertyNames: a profile year that is not a year', file: 'care.ratecard.yaml', from: 'profile: { 2019: 0.4, 2020: 0.6 }', to: 'profile: { next: 0.4, 2020: 0.6 }', line: 21, column: 16, text: 'next', message: /`next` is not a valid name of `profile`.*year of four digits/ },
  // anyOf (maxClaims): the branch that nearly matched
  { name: 'anyOf: maxClaims of 0 says at least 1', file: 'care.ratecard.yaml', from: 'maxClaims: 1', to: 'maxClaims: 0', line: 14, column: 16, text: '0', message: /`maxClaims` must be at least 1; found 0/ },
  { name: 'anyOf: a misspelt unlimited gets a did-you-mean', file: 'care.ratecard.yaml', from: 'maxClaims: 1', to: 'maxClaims: unlimted', line: 14, column: 16, text: 'unlimted', message: /`maxClaims` must be a whole number of 1 or more, or `unlimited`; found "unlimted"\. Did you mean `unlimited`\?/ },
  { name: 'anyOf: a fraction of a claim', file: 'care.ratecard.yaml', from: 'maxClaims: 1', to: 'maxClaims: 1.5', line: 14, column: 16, text: '1.5', message: /`maxClaims` must be a whole number of 1 or more, or `unlimited`; found 1\.5/ },
  // if/then
  { name: 'if/then: a sustainment outcome without sustainWeeks', file: 'care.framework.yaml', from: '    sustainWeeks: 26\n', to: '', line: 30, column: 5, text: 'id', message: /Outcome `employment-26w` is a sustainment outcome, so it needs `sustainWeeks`/ },
];

function run(c: Case): Located[] {
  const files = pair(c.file === 'care.framework.yaml' ? edit(framework, c.from, c.to) : framework, c.file === 'care.ratecard.yaml' ? edit(rateCard, c.from, c.to) : rateCard);
  return check(files, c.file);
}

describe('core: schema errors land on the right node, once', () => {
  for (const c of cases) {
    it(c.name, () => {
      const findings = run(c);
      assert.equal(findings.length, 1, `expected exactly one finding, got:\n${findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`).join('\n')}`);
      const [finding] = findings;
      assert.equal(finding.ruleId, 'schema');
      assert.deepEqual({ line: finding.line, column: finding.column, text: finding.text }, { line: c.line, column: c.column, text: c.text }, finding.message);
      assert.match(finding.message, c.message);
    });
  }

  it('many errors in one file give one finding each, none spanning the whole file', () => {
    let text = edit(framework, 'size: 100', 'size: many');
    text = edit(text, 'stage: sustainment', 'stage: sustainmnet');
    text = edit(text, 'currency: GBP', 'currency: gbp');
    text = edit(text, '    title: In work for 26 weeks', '    titel: In work for 26 weeks');
    const findings = check(pair(text), 'care.framework.yaml');
    assert.deepEqual(findings.map((f) => f.line), [5, 20, 31, 33]);
    for (const f of findings) assert.ok(f.text.length < 40 && f.text.length > 0, `span too wide or empty: ${JSON.stringify(f.text)}`);
  });

  it('a repeated key is a yaml-syntax error on the whole key, and the split is not also called wrong', () => {
    const findings = check(pair(framework, edit(rateCard, 'payers: { dfe: 80, council: 20 }', 'payers: { dfe: 80, dfe: 20 }')), 'care.ratecard.yaml');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column, f.text]), [['yaml-syntax', 6, 20, 'dfe']]);
    assert.match(findings[0].message, /appears twice/);
  });

  it('a valid framework and rate card have no findings', () => {
    assert.deepEqual(check(pair(), 'care.framework.yaml'), []);
    assert.deepEqual(check(pair(), 'care.ratecard.yaml'), []);
  });
});

describe('core: percents to the hundredth are read from their digits (multipleOf)', () => {
  const withDiscount = (discount: string) => pair(framework, edit(rateCard, '    price: 660\n', `    price: 660\n    discount: ${discount}\n`));

  for (const percent of ['33.33', '14.29', '16.67', '0.07', '57.7', '33.330', '100', '3.333e1']) {
    it(`accepts discount: ${percent}`, () => assert.deepEqual(check(withDiscount(percent), 'care.ratecard.yaml'), []));
  }

  for (const [percent, decimals] of [['33.333', 3], ['50.0000000000000001', 16], ['.125', 3]] as const) {
    it(`refuses discount: ${percent}, saying how many decimals it has`, () => {
      const findings = check(withDiscount(percent), 'care.ratecard.yaml');
      assert.deepEqual(findings.map((f) => [f.ruleId, f.text]), [['schema', percent]]);
      assert.equal(findings[0].message, `\`discount\` is a percent to the hundredth, with at most 2 decimal places; ${percent} has ${decimals}. Round it to 2 decimal places.`);
    });
  }

  it('every multipleOf in the schemas has its exact check (the compiled validators leave it out)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const found: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'multipleOf') found.push(`${at} ${String(value)}`);
        walk(value, `${at}/${key}`);
      }
    };
    const dir = path.join(__dirname, '../../schemas');
    for (const file of fs.readdirSync(dir).sort()) walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file);
    // Add a check like model.ts's `percent` for any other, then list it here.
    assert.deepEqual(found, ['rate-card.schema.json/$defs/priceLine/properties/discount 0.01']);
  });

  it('asks of an outcome\'s title only that it be text, so typing in a title of a valid framework leaves it valid (schema.ts, stillValid)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('../../schemas/outcome-framework.schema.json') as Record<string, unknown>;
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    assert.deepEqual({ type: defs.text.type, minLength: defs.text.minLength }, { type: 'string', minLength: 1 });
    assert.deepEqual(Object.keys(defs.text).filter((k) => k !== 'description').sort(), ['minLength', 'type']);
    assert.equal((defs.outcome.properties as Record<string, { $ref?: string }>).title.$ref, '#/$defs/text');
    // Nowhere else may the schema read a title: not in a condition, a combination or a key pattern.
    const readsTitle: string[] = [];
    const walk = (node: unknown, at: string[]): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...at, String(i)]));
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        const inCondition = at.some((k) => ['if', 'not', 'anyOf', 'oneOf', 'allOf', 'contains', 'dependentSchemas', 'dependentRequired', 'patternProperties', 'propertyNames'].includes(k));
        if (key === 'title' && at[at.length - 1] === 'properties' && inCondition) readsTitle.push([...at, key].join('/'));
        if (value === 'title' && !(at[at.length - 1] === 'required' || key === 'required') && key !== 'description') readsTitle.push([...at, key].join('/'));
        walk(value, [...at, key]);
      }
    };
    walk(schema, []);
    assert.deepEqual(readsTitle, []);
  });
});

