/**
 * Random tangled pathway components for the search's tests and timing (issue 20): outcomes
 * linked by many `excludes` (a random tree, so one component, plus random extra pairs that close
 * cycles), some `requires` and `requiresAnyOf` of earlier outcomes, some outcomes unpriced.
 */
import * as path from 'node:path';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

export interface Spec {
  n: number;
  /** excludes[i]: outcomes i excludes. */
  excludes: number[][];
  /** requires[i]: outcomes i requires (only earlier ones). */
  requires: number[][];
  /** anyOf[i]: outcomes of which i requires at least one (only earlier ones). */
  anyOf: number[][];
  /** Price in pounds, or null for an unpriced outcome. */
  prices: (number | null)[];
}

/** A small seeded generator (mulberry32), so a failing component can be made again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tangled component of n outcomes: about `extra` × n more exclusions than a tree's. */
export function tangled(random: () => number, n: number, extra = 1): Spec {
  const pick = (k: number) => Math.floor(random() * k);
  const excludes: number[][] = Array.from({ length: n }, () => []);
  const add = (a: number, b: number) => {
    if (a !== b && !excludes[a].includes(b) && !excludes[b].includes(a)) excludes[a].push(b);
  };
  for (let i = 1; i < n; i++) add(i, pick(i));
  for (let k = 0; k < Math.round(extra * n); k++) add(pick(n), pick(n));
  const requires = Array.from({ length: n }, (_, i) => (i > 0 && random() < 0.25 ? [...new Set([pick(i), pick(i)])].slice(0, 1 + pick(2)) : []));
  const anyOf = Array.from({ length: n }, (_, i) => (i > 1 && random() < 0.25 ? [...new Set([pick(i), pick(i), pick(i)])] : []));
  const prices = Array.from({ length: n }, () => (random() < 0.15 ? null : pick(5001)));
  return { n, excludes, requires, anyOf, prices };
}

/** The framework and rate card of a spec, read by the real parser (one cohort `c1` of `size`; one payer `p`, or `fund` and `council` with `payerOf`). */
export function frameworkOf(spec: Spec, payerOf?: (i: number) => string, extraRateCard = '', size = 10): { model: RateCardModel; framework: FrameworkModel } {
  let outcomes = '';
  let lines = '';
  const list = (xs: number[]) => `[${xs.map((r) => `o${r}`).join(', ')}]`;
  for (let i = 0; i < spec.n; i++) {
    outcomes +=
      `  - id: o${i}\n    title: o${i}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n` +
      (spec.requires[i].length ? `    requires: ${list(spec.requires[i])}\n` : '') +
      (spec.anyOf[i]?.length ? `    requiresAnyOf: ${list(spec.anyOf[i])}\n` : '') +
      (spec.excludes[i].length ? `    excludes: ${list(spec.excludes[i])}\n` : '');
    if (spec.prices[i] !== null) lines += `  - outcome: o${i}\n    price: ${spec.prices[i]}\n` + (payerOf ? `    payers: { ${payerOf(i)}: 1 }\n` : '');
  }
  if (!lines) lines = '  - outcome: o0\n    price: 0\n';
  const payers = payerOf ? '  - id: fund\n    name: Fund\n  - id: council\n    name: Council\n' : '  - id: p\n    name: P\n';
  const workspace = memoryWorkspace({
    'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${payers}cohorts:\n  - id: c1\n    title: C1\n    size: ${size}\noutcomes:\n${outcomes}`,
    'r.ratecard.yaml': `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${extraRateCard}prices:\n${lines}`,
  });
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  if (!link.ok) throw new Error('framework not linked');
  return { model, framework: link.framework };
}
