/**
 * The value figures, computed the fast way (arrays by outcome slot, sums in place, `byOutcome`
 * built when first read), against the plain way they were computed before
 * (test/support/value-figures-before.ts): every output the same, byte for byte, key for key, on
 * the samples and on random contracts that reach every branch (outcomes without a value or a
 * line, lines for outcomes the framework does not declare, values per period paid per claim,
 * bodies nobody declares, cohorts without a baseline or a payer, unreadable prices, discounts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeValue } from '../../server/src/core/value';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { nodeHost } from '../../server/src/core/node-host';
import { Workspace } from '../../server/src/core/workspace';
import { computeValueFigures as before } from '../support/value-figures-before';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const root = path.resolve(__dirname, '../..');

/** Every way a reader can see the figures: JSON, a spread, a structured clone, the keys, a field read. */
function assertSame(card: RateCardModel, framework: FrameworkModel | undefined, discountRate?: number): void {
  const plain = JSON.stringify(before(card, framework, { discountRate }));
  const options = discountRate === undefined ? {} : { discountRate };
  const v = computeValue(card, framework, options);
  // Nothing read yet: JSON builds byOutcome.
  assert.equal(JSON.stringify(v), plain);
  // Read again, now built and kept: the same object, the same text.
  const byOutcome = v.byOutcome;
  assert.equal(v.byOutcome, byOutcome);
  assert.equal(JSON.stringify(v), plain);
  assert.deepEqual(Object.keys(v), Object.keys(JSON.parse(plain)));
  const described = Object.getOwnPropertyDescriptor(v, 'byOutcome')!;
  assert.ok(described.enumerable && 'value' in described, 'a plain data property once read');
  assert.equal(JSON.stringify({ ...v }), plain);
  assert.equal(JSON.stringify(structuredClone(v)), plain);
}

/** The same on a copy of the models not read before, each way first: a spread, a clone, the entries. */
function assertSameFirstRead(models: () => { card: RateCardModel; framework: FrameworkModel | undefined }): void {
  const firsts: ((v: ReturnType<typeof computeValue>) => unknown)[] = [(v) => ({ ...v }), (v) => structuredClone(v), (v) => Object.fromEntries(Object.entries(v))];
  for (const first of firsts) {
    const { card, framework } = models();
    const plain = JSON.stringify(before(card, framework));
    assert.equal(JSON.stringify(first(computeValue(card, framework))), plain);
  }
}

describe('value figures: the fast computation gives every output of the plain one', () => {
  const pairs: [string, string][] = [];
  for (const dir of fs.readdirSync(path.join(root, 'samples'))) {
    const files = fs.readdirSync(path.join(root, 'samples', dir));
    const card = files.find((f) => f.endsWith('.ratecard.yaml'));
    if (card) pairs.push([path.join(root, 'samples', dir), card]);
  }
  pairs.push([path.join(root, 'test/fixtures/value'), 'value.ratecard.yaml']);

  for (const [dir, name] of pairs) {
    it(`${path.basename(dir)}: the same figures, byte for byte`, () => {
      const models = () => {
        const workspace = new Workspace(dir, nodeHost);
        const card = workspace.analyze(path.join(dir, name))!.model as RateCardModel;
        const link = workspace.frameworkOf(card);
        return { card, framework: link.ok ? link.framework : undefined };
      };
      const { card, framework } = models();
      for (const rate of [undefined, 0, 7.25]) assertSame(rate === undefined ? card : { ...card }, framework, rate);
      assertSameFirstRead(models);
    });
  }

  it('random contracts: the same figures, byte for byte', () => {
    fc.assert(
      fc.property(contract, (c) => {
        const files = yamlOf(c);
        const models = () => {
          const workspace = memoryWorkspace(files);
          const card = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
          const link = workspace.frameworkOf(card);
          return { card, framework: link.ok ? link.framework : undefined };
        };
        const { card, framework } = models();
        assertSame(card, framework, c.rate);
        assertSameFirstRead(models);
      }),
      { numRuns: 250 },
    );
  });

  it('a thousand outcomes: the same figures, and byOutcome built only when read', () => {
    const c = large(1000);
    const workspace = memoryWorkspace(c);
    const card = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
    const link = workspace.frameworkOf(card);
    assert.ok(link.ok);
    const v = computeValue(card, link.framework);
    assert.ok(v.savings! > 0);
    const described = Object.getOwnPropertyDescriptor(v, 'byOutcome')!;
    assert.ok(described.enumerable && described.get, 'not built by the wholes');
    assertSame(card, link.framework);
    assert.equal(Object.keys(v.byOutcome).length, 1000);
  });
});

// ---- random contracts, reaching every branch of the figures ----
const OUTCOMES = ['o1', 'o2', 'o3', 'o4'];
const COHORTS = ['c1', 'c2', 'c3'];
// x1 is declared nowhere; `cohort` is the payer of the participant's cohort (c3 has none).
const BODIES = ['p1', 'p2', 'b1', 'cohort', 'x1'];
const pounds = fc.oneof(fc.integer({ min: 0, max: 300000 }).map((p) => (p / 100).toFixed(2)), fc.constant('0'));
const share = fc.integer({ min: 0, max: 100 }).map((s) => (s / 100).toString());
const outcomeSpec = fc.record({
  price: fc.oneof({ weight: 6, arbitrary: pounds }, { weight: 1, arbitrary: fc.constant('"a lot"') }),
  // The second line's (for c1, or a repeat): its price ÷ value may be the dearer.
  price2: fc.oneof({ weight: 6, arbitrary: pounds }, { weight: 1, arbitrary: fc.constant('"a lot"') }),
  per2: fc.constantFrom(undefined, 'week'),
  per: fc.constantFrom(undefined, 'week', 'month'),
  valuedPer: fc.constantFrom(undefined, undefined, 'week', 'month'),
  maxClaims: fc.integer({ min: 1, max: 3 }),
  maxPeriods: fc.integer({ min: 1, max: 60 }),
  fiscal: fc.dictionary(fc.constantFrom(...BODIES), pounds, { maxKeys: 3 }),
  economic: fc.option(pounds, { nil: undefined }),
  social: fc.option(pounds, { nil: undefined }),
  years: fc.integer({ min: 1, max: 3 }),
  valued: fc.boolean(),
  declared: fc.boolean(),
  baselines: fc.tuple(fc.option(share, { nil: undefined }), fc.option(share, { nil: undefined }), fc.option(share, { nil: undefined })),
  lines: fc.constantFrom('one', 'split', 'duplicate', 'c1only', 'none'),
  discount: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  aboveBaseline: fc.boolean(),
});
const contract = fc.record({
  outcomes: fc.tuple(outcomeSpec, outcomeSpec, outcomeSpec, outcomeSpec),
  participants: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined })),
  achievement: fc.array(fc.array(share, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  claims: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }),
  periods: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 4, maxLength: 4 }),
  profiled: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  projected: fc.tuple(fc.constant(true), fc.boolean(), fc.boolean()),
  rate: fc.constantFrom(3.5, 0, 7, 1.25),
});
type Contract = typeof contract extends fc.Arbitrary<infer T> ? T : never;
const inline = (r: Record<string, unknown>) => `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

function yamlOf(c: Contract): Record<string, string> {
  const outcomes = OUTCOMES.map((id, i) => {
    const o = c.outcomes[i];
    if (!o.declared && i > 0) return '';
    let text = `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n`;
    const baselines = Object.fromEntries(COHORTS.map((cohort, k) => [cohort, o.baselines[k]]).filter(([, b]) => b !== undefined));
    if (Object.keys(baselines).length) text += `    baseline: ${inline(baselines)}\n`;
    if (o.valued) {
      text += `    value:\n      fiscal: ${inline(o.fiscal)}\n      source: Test\n`;
      if (o.valuedPer) text += `      per: ${o.valuedPer}\n`;
      else text += `      years: ${o.years}\n`;
      if (o.economic !== undefined) text += `      economic: ${o.economic}\n`;
      if (o.social !== undefined) text += `      social: ${o.social}\n`;
    }
    return text;
  }).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\n  - id: p2\n    name: P2\nbodies:\n  - id: b1\n    name: B1\ncohorts:\n  - id: c1\n    title: C1\n    payer: p1\n  - id: c2\n    title: C2\n    payer: p2\n  - id: c3\n    title: C3\n    size: 40\noutcomes:\n${outcomes}`;
  const lines = OUTCOMES.map((id, i) => {
    const o = c.outcomes[i];
    const line = (cohorts?: string, price = o.price, per = o.per) =>
      `  - outcome: ${id}\n    price: ${price}\n` + (per ? `    per: ${per}\n    maxPeriods: ${o.maxPeriods}\n` : `    maxClaims: ${o.maxClaims}\n`) +
      (o.aboveBaseline ? '    aboveBaseline: true\n' : '') + (o.discount ? `    discount: ${o.discount}\n` : '') + (cohorts ? `    cohorts: [${cohorts}]\n` : '');
    const second = line(undefined, o.price2, o.per2);
    return { one: line(), split: line('c1') + second, duplicate: line() + second, c1only: line('c1'), none: '' }[o.lines];
  }).join('');
  const projection = COHORTS.map((id, k) => {
    if (!c.projected[k]) return '';
    const participants = k === 2 ? c.participants[2] : c.participants[k];
    return `  - cohort: ${id}\n` + (participants === undefined ? '' : `    participants: ${participants}\n`) +
      `    achievement: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.achievement[k][i]])))}\n` +
      `    claimsPerAchiever: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.claims[i]])))}\n` +
      `    periodsPerAchiever: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.periods[i]])))}\n` +
      (c.profiled[k] ? `    profile: { 2024: 0.5, 2025: 0.25, 2026: 0.25 }\n` : '');
  }).join('');
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { cohort: 100 }\nprices:\n${lines}projection:\n${projection}`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}

/** A framework of n valued outcomes and a rate card pricing each, as the benchmark's card. */
function large(n: number): Record<string, string> {
  let outcomes = '';
  let prices = '';
  const achievement: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `o${String(i).padStart(5, '0')}`;
    outcomes += `  - id: ${id}\n    title: Outcome ${i}\n    domain: education\n    stage: entry\n    role: payment\n    value: { fiscal: { p1: ${1000 + (i % 7) * 100}, b1: ${(i % 5) * 150} }, years: ${1 + (i % 3)}, source: Unit costs }\n    evidence: { kind: administrative, source: Records }\n    baseline: { c1: 0.${(i % 3) + 1} }\n`;
    prices += `  - outcome: ${id}\n    price: ${500 + (i % 40) * 25}.${i % 2 ? '50' : '00'}\n`;
    achievement.push(`${id}: 0.${(i % 8) + 2}5`);
  }
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\nbodies:\n  - id: b1\n    name: B1\ncohorts:\n  - id: c1\n    title: C1\n    payer: p1\noutcomes:\n${outcomes}`;
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { p1: 100 }\nprices:\n${prices}projection:\n  - cohort: c1\n    participants: 300\n    achievement: { ${achievement.join(', ')} }\n    profile: { 2024: 0.4, 2025: 0.6 }\n`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}
