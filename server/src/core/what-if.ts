/**
 * What if more or fewer people achieve, or take part? The rate card (and framework) are rewritten
 * with every achievement share × a scale (at most 1) or every participant count × a scale, and
 * the totals computed from the rewritten text by the same engine, so the figures stay exact.
 * Also: the achievement scale at which `caps.total` starts to cut the expected payments, and
 * which outcomes' achievement moves the expected payments most.
 */
import type { Path } from './document';
import type { FrameworkModel, RateCardModel } from './model';
import { computeTotals, type Totals } from './totals';
import { analyzeText } from './workspace';

export interface WhatIf {
  /** Every achievement share × this (a decimal such as "1.2"), each at most 1. */
  achievement?: string;
  /** Every participant count (projection participants, cohort sizes) × this, rounded to whole people. */
  participants?: string;
  /** Scale only these outcomes' achievement (all when absent). */
  outcomes?: readonly string[];
}

const SCALE = /^\+?(\d+(?:\.\d*)?|\.\d+)$/;

/** Whether text is a scale the what-if accepts: a non-negative decimal. */
export function isScale(text: string): boolean {
  return SCALE.test(text.trim());
}

/** An exact non-negative decimal: digits as a BigInt and the number of them after the point. */
interface Decimal {
  units: bigint;
  scale: number;
}

/** Reads a YAML number as written (`0.35`, `.5`, `35e-2`, `1`); undefined for anything else. */
function readDecimal(text: string): Decimal | undefined {
  const match = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[1] === '' && !match[2])) return undefined;
  let digits = (match[1] || '0') + (match[2] ?? '');
  let scale = (match[2] ?? '').length - (match[3] ? Number(match[3]) : 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { units: BigInt(digits), scale };
}

function writeDecimal(d: Decimal): string {
  if (d.scale === 0) return d.units.toString();
  const text = d.units.toString().padStart(d.scale + 1, '0');
  const whole = text.slice(0, text.length - d.scale);
  const fraction = text.slice(text.length - d.scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function atMostOne(d: Decimal): Decimal {
  return d.units > 10n ** BigInt(d.scale) ? { units: 1n, scale: 0 } : d;
}

/** Rounds to a whole number, halves up. */
function wholeHalfUp(d: Decimal): bigint {
  const unit = 10n ** BigInt(d.scale);
  return (d.units * 2n + unit) / (2n * unit);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The edit that scales the number at `path`, when it is a number written in the source. */
function scaleAt(model: { parsed: RateCardModel['parsed'] }, path: Path, factor: Decimal, round: (d: Decimal) => string): Edit | undefined {
  const location = model.parsed.locate(path);
  if (!location) return undefined;
  const source = model.parsed.text.slice(location.value.start, location.value.end);
  const value = readDecimal(source);
  if (!value) return undefined;
  return { start: location.value.start, end: location.value.end, text: round(multiply(value, factor)) };
}

/** The rate card's and framework's text with the what-if applied. */
export function whatIfTexts(rateCard: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf): { rateCard: string; framework?: string } {
  const cardEdits: Edit[] = [];
  const frameworkEdits: Edit[] = [];
  const achievement = whatIf.achievement !== undefined ? readDecimal(whatIf.achievement) : undefined;
  const participants = whatIf.participants !== undefined ? readDecimal(whatIf.participants) : undefined;
  const only = whatIf.outcomes ? new Set(whatIf.outcomes) : undefined;
  for (const projection of rateCard.projection) {
    if (achievement) {
      for (const outcome of Object.keys(projection.achievement)) {
        if (only && !only.has(outcome)) continue;
        const edit = scaleAt(rateCard, [...projection.path, 'achievement', outcome], achievement, (d) => writeDecimal(atMostOne(d)));
        if (edit) cardEdits.push(edit);
      }
    }
    if (participants) {
      const edit = scaleAt(rateCard, [...projection.path, 'participants'], participants, (d) => wholeHalfUp(d).toString());
      if (edit) cardEdits.push(edit);
    }
  }
  if (participants && framework) {
    for (const cohort of framework.cohorts) {
      const edit = scaleAt(framework, [...cohort.path, 'size'], participants, (d) => wholeHalfUp(d).toString());
      if (edit) frameworkEdits.push(edit);
    }
  }
  return { rateCard: applyEdits(rateCard.parsed.text, cardEdits), framework: framework ? applyEdits(framework.parsed.text, frameworkEdits) : undefined };
}

/** The totals under a what-if; the rate card and framework themselves are not changed. */
export function whatIfTotals(rateCard: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf): Totals {
  return whatIfAnalysis(rateCard, framework, whatIf).totals;
}

/** The totals under a what-if, with the texts they were computed from (their spans are in those texts). */
export function whatIfAnalysis(rateCard: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf): { totals: Totals; texts: Map<string, string>; rateCard: RateCardModel; framework: FrameworkModel | undefined } {
  const texts = new Map<string, string>();
  const asWritten = () => ({ totals: computeTotals(rateCard, framework), texts, rateCard, framework });
  if (whatIf.achievement === undefined && whatIf.participants === undefined) return asWritten();
  const rewritten = whatIfTexts(rateCard, framework, whatIf);
  const card = analyzeText(rateCard.file, rewritten.rateCard).model;
  const linked = framework && rewritten.framework !== undefined ? analyzeText(framework.file, rewritten.framework).model : undefined;
  if (card?.kind !== 'RateCard') return asWritten();
  texts.set(rateCard.file, rewritten.rateCard);
  if (framework && rewritten.framework !== undefined) texts.set(framework.file, rewritten.framework);
  const linkedFramework = linked?.kind === 'OutcomeFramework' ? linked : undefined;
  // The models under the what-if, for figures built on the totals (the value figures).
  return { totals: computeTotals(card, linkedFramework), texts, rateCard: card, framework: linkedFramework };
}

/** The rate card and framework models under a what-if (the same models when there is none, or the rewrite does not read). */
export function whatIfModels(rateCard: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf): { rateCard: RateCardModel; framework: FrameworkModel | undefined } {
  if (whatIf.achievement === undefined && whatIf.participants === undefined) return { rateCard, framework };
  const rewritten = whatIfTexts(rateCard, framework, whatIf);
  const card = analyzeText(rateCard.file, rewritten.rateCard).model;
  const linked = framework && rewritten.framework !== undefined ? analyzeText(framework.file, rewritten.framework).model : undefined;
  if (card?.kind !== 'RateCard') return { rateCard, framework };
  return { rateCard: card, framework: linked?.kind === 'OutcomeFramework' ? linked : undefined };
}

/** Scales are searched in hundredths: "the cap binds from ×1.24". */
const STEP = 100;

export interface CapBinding {
  /** The smallest achievement scale, in hundredths ("1.24"), at which caps.total cuts the expected payments; null when it never does. */
  scale: string | null;
  /** Why there is no scale: no total cap, nothing projected, or the cap is not reached even when every share is 1. */
  reason?: 'no-cap' | 'not-projected' | 'never';
}

/** "caps.total starts to cut the expected payments at achievement × 1.24", or why there is no such scale. */
export function capBindsText(binding: CapBinding): string {
  if (binding.scale !== null) return `caps.total starts to cut the expected payments at achievement × ${binding.scale}`;
  if (binding.reason === 'no-cap') return 'No caps.total: nothing caps the expected payments, however many achieve.';
  if (binding.reason === 'not-projected') return 'Expected payments are not projected, so when caps.total binds cannot be said.';
  return 'caps.total is not reached even if every share of achievement were 1.';
}

/** Whether caps.total cuts the expected payments at achievement × k/100. */
function bindsAt(rateCard: RateCardModel, framework: FrameworkModel | undefined, k: number, base: WhatIf): boolean {
  return whatIfTotals(rateCard, framework, { ...base, achievement: writeDecimal({ units: BigInt(k), scale: 2 }) }).capsApplied.includes('total.expected');
}

/** The highest scale worth trying: past 1 ÷ the smallest share, every share is 1 and nothing more can change. */
function largestStep(rateCard: RateCardModel): number {
  let smallest = 1;
  for (const p of rateCard.projection) for (const share of Object.values(p.achievement)) if (share > 0 && share < smallest) smallest = share;
  return Math.min(Math.ceil(STEP / smallest), 1_000_000);
}

/**
 * The achievement scale at which caps.total starts to bind. Expected payments never fall as
 * achievement rises (each share is min(1, share × scale), and caps only cut), so the first step
 * at which the cap binds is found by bisection (checked against a plain scan in the tests).
 */
export function capBindsAt(rateCard: RateCardModel, framework: FrameworkModel | undefined, base: WhatIf = {}): CapBinding {
  if (rateCard.caps?.total === undefined) return { scale: null, reason: 'no-cap' };
  if (computeTotals(rateCard, framework).expected === null) return { scale: null, reason: 'not-projected' };
  let high = largestStep(rateCard);
  if (!bindsAt(rateCard, framework, high, base)) return { scale: null, reason: 'never' };
  let low = 0; // never binds at 0: nothing is expected
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (bindsAt(rateCard, framework, middle, base)) high = middle;
    else low = middle;
  }
  return { scale: writeDecimal({ units: BigInt(high), scale: 2 }) };
}

/** The same search by trying every step in turn: the obviously right version, for the tests. */
export function capBindsAtByScan(rateCard: RateCardModel, framework: FrameworkModel | undefined): string | null {
  if (rateCard.caps?.total === undefined || computeTotals(rateCard, framework).expected === null) return null;
  const top = largestStep(rateCard);
  for (let k = 1; k <= top; k++) if (bindsAt(rateCard, framework, k, {})) return writeDecimal({ units: BigInt(k), scale: 2 });
  return null;
}

export interface OutcomeSensitivity {
  outcome: string;
  /** Its expected payments now (minor units). */
  expected: number | null;
  /** How much the whole expected payments move when this outcome's achievement rises by a tenth (× 1.1, at most 1), minor units. */
  moves: number;
}

/**
 * The outcomes whose achievement moves the expected payments most, ranked; caps included, so a
 * capped card shows little movement. Each outcome costs a computation of the totals: `limit`
 * keeps to that many outcomes, those with the largest expected payments.
 */
export function achievementSensitivity(rateCard: RateCardModel, framework: FrameworkModel | undefined, base: WhatIf = {}, limit = Infinity): OutcomeSensitivity[] {
  // The what-if first (if any), then each outcome's achievement alone × 1.1 on top of it.
  let card = rateCard;
  let linked = framework;
  if (base.achievement !== undefined || base.participants !== undefined) {
    const texts = whatIfTexts(rateCard, framework, base);
    const model = analyzeText(rateCard.file, texts.rateCard).model;
    if (model?.kind !== 'RateCard') return [];
    card = model;
    const frameworkModel = framework && texts.framework !== undefined ? analyzeText(framework.file, texts.framework).model : undefined;
    linked = frameworkModel?.kind === 'OutcomeFramework' ? frameworkModel : undefined;
  }
  const now = computeTotals(card, linked);
  if (now.expected === null) return [];
  const achieved = new Set<string>();
  for (const p of card.projection) for (const outcome of Object.keys(p.achievement)) achieved.add(outcome);
  // With a limit (the editor, which must stay quick on large cards): the outcomes with the largest expected payments.
  const outcomes = [...achieved].sort((a, b) => (now.byOutcome[b]?.expected ?? 0) - (now.byOutcome[a]?.expected ?? 0)).slice(0, limit);
  const out: OutcomeSensitivity[] = [];
  for (const outcome of outcomes) {
    const raised = whatIfTotals(card, linked, { achievement: '1.1', outcomes: [outcome] });
    out.push({ outcome, expected: now.byOutcome[outcome]?.expected ?? null, moves: (raised.expected ?? now.expected) - now.expected });
  }
  return out.sort((a, b) => b.moves - a.moves || a.outcome.localeCompare(b.outcome));
}
