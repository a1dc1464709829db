/**
 * Exclusive pathways, proven: the engine's max per participant (a search per component of the
 * requires/excludes graph) against a brute-force enumerator that tries every set of outcomes one
 * participant could achieve, on thousands of random frameworks written as YAML and read by the
 * real parser; the same enumerator checks every sample's maxima; and `unpayable-outcome` flags
 * exactly the outcomes no such set holds.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { nodeHost } from '../../server/src/core/node-host';
import { Workspace } from '../../server/src/core/workspace';
import { check, memoryRoot, memoryWorkspace } from '../support/workspace';

interface Outcome {
  id: string;
  requires: string[];
  /** Outcomes of which at least one is needed first (`requiresAnyOf`). */
  anyOf?: string[];
  excludes: string[];
}
/** A priced outcome's value for one participant: price × claims in pence, or unbounded. */
type Values = Map<string, bigint | 'unbounded'>;

/** Is this set one participant may achieve: closed under requires, no two that exclude each other? */
function feasible(set: Set<string>, outcomes: Outcome[]): boolean {
  for (const o of outcomes) {
    if (!set.has(o.id)) continue;
    if (o.requires.some((r) => !set.has(r))) return false;
    if (o.anyOf?.length && !o.anyOf.some((r) => set.has(r))) return false;
    if (o.excludes.some((x) => set.has(x))) return false;
  }
  return true;
}

/** The most over every subset of the outcomes (2^n sets), by the definition in docs/totals.md. */
function bruteForce(outcomes: Outcome[], values: Values): bigint | 'unbounded' {
  let best = 0n;
  for (let bits = 0; bits < 1 << outcomes.length; bits++) {
    const set = new Set(outcomes.filter((_, i) => bits & (1 << i)).map((o) => o.id));
    if (!feasible(set, outcomes)) continue;
    let sum = 0n;
    for (const id of set) {
      const v = values.get(id);
      if (v === 'unbounded') return 'unbounded';
      if (v !== undefined) sum += v;
    }
    if (sum > best) best = sum;
  }
  return best;
}

/**
 * The same by subsets of the priced outcomes only (fast enough for the samples' twenty-odd
 * outcomes): a subset counts when it and all it requires form a feasible set.
 */
function byPricedSubsets(outcomes: Outcome[], values: Values): bigint | 'unbounded' {
  const index = new Map(outcomes.map((o, i) => [o.id, i]));
  const priced = [...values.keys()].filter((id) => index.has(id));
  // Each priced outcome with all it requires, as outcome indexes.
  const closures = priced.map((id) => {
    const seen = new Set<number>();
    const stack = [index.get(id)!];
    while (stack.length) {
      const i = stack.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      for (const r of outcomes[i].requires) if (index.has(r)) stack.push(index.get(r)!);
    }
    return [...seen];
  });
  const requires = outcomes.map((o) => o.requires.filter((r) => index.has(r)).map((r) => index.get(r)!));
  const excludes = outcomes.map((o) => o.excludes.filter((r) => index.has(r)).map((r) => index.get(r)!));
  const value = outcomes.map((o) => values.get(o.id));
  let best = 0n;
  const member = new Uint8Array(outcomes.length);
  for (let bits = 0; bits < 1 << priced.length; bits++) {
    member.fill(0);
    for (let k = 0; k < priced.length; k++) if (bits & (1 << k)) for (const i of closures[k]) member[i] = 1;
    let ok = true;
    let sum = 0n;
    for (let i = 0; i < outcomes.length && ok; i++) {
      if (!member[i]) continue;
      if (requires[i].some((r) => !member[r]) || excludes[i].some((x) => member[x])) ok = false;
      const v = value[i];
      if (v === 'unbounded') sum = -1n; // marks unbounded below
      else if (v !== undefined && sum >= 0n) sum += v;
    }
    if (!ok) continue;
    if (sum < 0n) return 'unbounded';
    if (sum > best) best = sum;
  }
  // Priced outcomes the framework does not define stand alone.
  for (const [id, v] of values) {
    if (index.has(id)) continue;
    if (v === 'unbounded') return 'unbounded';
    best += v;
  }
  return best;
}

const capped = (v: bigint | 'unbounded', cap: number | undefined): number | null => {
  if (cap !== undefined && (v === 'unbounded' || v > BigInt(cap))) return cap;
  return v === 'unbounded' ? null : Number(v);
};

/** A random framework of up to 12 outcomes: requires point back (no loops), excludes anywhere. */
const framework = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    requires: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: n, maxLength: n }),
    anyOf: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: n, maxLength: n }),
    withAnyOf: fc.boolean(),
    excludes: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: Math.min(6, n) }),
    lines: fc.array(fc.option(fc.record({ price: fc.integer({ min: 0, max: 5000 }), claims: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant('unlimited' as const), fc.constant(undefined)) }), { freq: 3 }), { minLength: n, maxLength: n }),
    indicator: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    cap: fc.option(fc.integer({ min: 0, max: 20000 }), { freq: 2 }),
  }),
);
type Case = typeof framework extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { outcomes: Outcome[]; values: Values; files: Record<string, string> } {
  const id = (i: number) => `o${i}`;
  const outcomes: Outcome[] = [];
  for (let i = 0; i < c.n; i++) {
    const requires = i === 0 ? [] : [...new Set(c.requires[i].map((r) => id(r % i)))];
    const excludes = [...new Set(c.excludes.filter(([a, b]) => a === i && b !== i).map(([, b]) => id(b)))];
    const anyOf = i === 0 || !c.withAnyOf ? [] : [...new Set(c.anyOf[i].map((r) => id(r % i)))];
    outcomes.push({ id: id(i), requires, anyOf, excludes });
  }
  // `excludes` counts on either side: the enumerator sees both.
  const either: Outcome[] = outcomes.map((o) => ({ ...o, excludes: [...new Set([...o.excludes, ...outcomes.filter((p) => p.excludes.includes(o.id)).map((p) => p.id)])] }));
  const values: Values = new Map();
  const lines: string[] = [];
  c.lines.forEach((line, i) => {
    if (!line || c.indicator[i]) return;
    const claims = line.claims ?? 1;
    values.set(id(i), claims === 'unlimited' ? (line.price === 0 ? 0n : 'unbounded') : BigInt(line.price * 100 * claims));
    lines.push(`  - outcome: ${id(i)}\n    price: ${line.price}\n` + (line.claims !== undefined ? `    maxClaims: ${line.claims}\n` : ''));
  });
  if (lines.length === 0) {
    values.set(id(0), 0n);
    lines.push(`  - outcome: ${id(0)}\n    price: 0\n`);
    c.indicator[0] = false;
  }
  const yaml = outcomes
    .map(
      (o, i) =>
        `  - id: ${o.id}\n    title: ${o.id}\n    domain: employment\n    stage: entry\n    role: ${c.indicator[i] ? 'indicator' : 'payment'}\n    evidence: { kind: administrative, source: Records }\n` +
        (o.requires.length ? `    requires: [${o.requires.join(', ')}]\n` : '') +
        (o.anyOf?.length ? `    requiresAnyOf: [${o.anyOf.join(', ')}]\n` : '') +
        (o.excludes.length ? `    excludes: [${o.excludes.join(', ')}]\n` : ''),
    )
    .join('');
  const files = {
    'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: c1\n    title: C1\n    size: 10\noutcomes:\n${yaml}`,
    'r.ratecard.yaml': `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${c.cap !== null ? `caps:\n  perParticipant: ${c.cap}\n` : ''}prices:\n${lines.join('')}`,
  };
  return { outcomes: either, values, files };
}

function totalsOf(files: Record<string, string>): Totals {
  const workspace = memoryWorkspace(files);
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

describe('totals: exclusive pathways against a brute-force enumerator', function () {
  this.timeout(90000); // thousands of random frameworks, each enumerated by brute force: many seconds on a loaded machine
  it('max per participant is the most over every set one participant may achieve, then the cap (3,000 random frameworks, half with requiresAnyOf)', () => {
    fc.assert(
      fc.property(framework, (c) => {
        const { outcomes, values, files } = build(c);
        const expected = bruteForce(outcomes, values);
        // The second enumerator follows `requires` only.
        if (!c.withAnyOf) assert.deepEqual(byPricedSubsets(outcomes, values), expected, 'the two enumerators agree');
        const t = totalsOf(files);
        const cap = c.cap === null ? undefined : c.cap * 100;
        assert.equal(t.uncappedMaxPerParticipant.c1, expected === 'unbounded' ? null : Number(expected));
        assert.equal(t.maxPerParticipant.c1, capped(expected, cap));
        const most = capped(expected, cap);
        assert.equal(t.maximumLiability, most === null ? null : most * 10);
      }),
      { numRuns: 3000 },
    );
  });

  it('unpayable-outcome flags exactly the outcomes no achievable set holds, on their requires', () => {
    fc.assert(
      fc.property(framework, (c) => {
        const { outcomes, files } = build(c);
        const reachable = new Set<string>();
        for (let bits = 0; bits < 1 << outcomes.length; bits++) {
          const set = new Set(outcomes.filter((_, i) => bits & (1 << i)).map((o) => o.id));
          if (feasible(set, outcomes)) for (const id of set) reachable.add(id);
        }
        const flagged = check(files, 'f.framework.yaml').filter((f) => f.ruleId === 'unpayable-outcome');
        assert.deepEqual(flagged.map((f) => f.message.match(/^`(o\d+)`/)![1]).sort(), outcomes.filter((o) => !reachable.has(o.id)).map((o) => o.id).sort());
        // On `requires`, or on `requiresAnyOf` where every route it offers clashes.
        for (const f of flagged) assert.ok(f.text === 'requires' || (f.text === 'requiresAnyOf' && outcomes.find((o) => o.id === f.message.match(/^`(o\d+)`/)![1])!.anyOf!.length > 0), f.text);
      }),
      { numRuns: 400 },
    );
  });

  it('checks every sample rate card: each cohort maximum equals the enumerator’s', () => {
    const repo = path.resolve(__dirname, '../..');
    const cards = fs.readdirSync(path.join(repo, 'samples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ratecard.yaml'));
    assert.ok(cards.length >= 4);
    let checked = 0;
    for (const card of cards) {
      const workspace = new Workspace(repo, nodeHost);
      const model = workspace.analyze(path.join(repo, 'samples', card))!.model as RateCardModel;
      const link = workspace.frameworkOf(model);
      if (!link.ok) continue;
      const fw: FrameworkModel = link.framework;
      const t = computeTotals(model, fw);
      const outcomes: Outcome[] = fw.outcomes.map((o) => ({ id: o.id, requires: o.requires, excludes: [...new Set([...o.excludes, ...fw.outcomes.filter((p) => p.excludes.includes(o.id)).map((p) => p.id)])] }));
      for (const cohort of Object.keys(t.maxPerParticipant)) {
        if (t.blocked.includes(`maxPerParticipant.${cohort}`)) continue;
        const values: Values = new Map();
        for (const line of t.byLine) if (line.cohorts.includes(cohort)) values.set(line.outcome, line.maxPerParticipant === null ? 'unbounded' : BigInt(line.maxPerParticipant));
        const expected = byPricedSubsets(outcomes, values);
        assert.equal(t.uncappedMaxPerParticipant[cohort], expected === 'unbounded' ? null : Number(expected), `${card} ${cohort}`);
        checked++;
      }
    }
    assert.ok(checked >= 5, `only ${checked} cohorts checked`);
  });
});

describe('totals: one pathway per participant, worked by hand', () => {
  const outcome = (id: string, extra = '') => `  - id: ${id}\n    title: ${id}\n    domain: care-placement\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n${extra}`;
  const files = (outcomes: string) => ({
    'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: c1\n    title: C1\n    size: 92\noutcomes:\n${outcomes}`,
    'r.ratecard.yaml':
      'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n' +
      '  - outcome: step-down-foster\n    price: 5000\n  - outcome: foster-week\n    price: 600\n    maxClaims: 104\n' +
      '  - outcome: reunification\n    price: 10000\n  - outcome: home-week\n    price: 400\n    maxClaims: 104\n',
  });

  it('counts the weekly payments of the pathway taken, not of the one excluded', () => {
    const t = totalsOf(
      files(
        outcome('step-down-foster') +
          outcome('foster-week', '    requires: [step-down-foster]\n') +
          outcome('reunification', '    excludes: [step-down-foster]\n') +
          outcome('home-week', '    requires: [reunification]\n'),
      ),
    );
    // Foster: 5,000 + 600 × 104 = 67,400. Home: 10,000 + 400 × 104 = 51,600. One pathway: 67,400
    // Counting every line, as if the two pathways could both be paid, would give 119,000.
    assert.equal(t.maxPerParticipant.c1, 6740000);
    // 92 × 67,400 = 6,200,800.
    assert.equal(t.maximumLiability, 620080000);
  });

  it('reports an outcome that requires what it excludes on its requires line, and pays nothing for it', () => {
    const fw = outcome('step-down-foster') + outcome('foster-week', '    requires: [step-down-foster]\n') + outcome('reunification', '    excludes: [step-down-foster]\n') + outcome('home-week', '    requires: [reunification, foster-week]\n');
    const [finding, ...rest] = check(files(fw), 'f.framework.yaml').filter((f) => f.ruleId === 'unpayable-outcome');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'requires');
    assert.match(finding.message, /^`home-week` can never be achieved, so it is never paid: it requires both `step-down-foster` and `reunification`/);
    // Foster 67,400 against reunification alone, 10,000: home-week counts nothing.
    assert.equal(totalsOf(files(fw)).maxPerParticipant.c1, 6740000);
  });
});

describe('uncapped-liability proposes the exact pathway maximum', () => {
  it('offers caps.total at 92 × the dearer pathway, not at every line counted', () => {
    const outcome = (id: string, extra = '') => `  - id: ${id}\n    title: ${id}\n    domain: care-placement\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Placement record }\n${extra}`;
    const files = {
      'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: c1\n    title: C1\n    size: 92\noutcomes:\n${outcome('step-down-foster') + outcome('foster-week', '    requires: [step-down-foster]\n') + outcome('reunification', '    excludes: [step-down-foster]\n') + outcome('home-week', '    requires: [reunification]\n')}`,
      'r.ratecard.yaml':
        'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: step-down-foster\n    price: 5000\n  - outcome: foster-week\n    price: 600\n    maxClaims: 104\n  - outcome: reunification\n    price: 10000\n  - outcome: home-week\n    price: 400\n    maxClaims: 104\n',
    };
    const [finding] = check(files, 'r.ratecard.yaml').filter((f) => f.ruleId === 'uncapped-liability');
    // 92 × (5,000 + 600 × 104) = 92 × 67,400 = 6,200,800; every line counted would be 92 × 119,000 = 10,948,000.
    assert.match(finding.message, /£6,200,800\.00/);
  });
});
