/** Hovers: the rule behind a finding, the outcome behind an id, the schema's words for a key. */
import type { Hover, MarkupContent, Position } from 'vscode-languageserver';
import type { FrameworkModel, OutcomeEntry, RateCardModel } from '../core/model';
import { escapeMarkdown, inlineCode } from '../core/markdown';
import { toDecimalString } from '../core/money';
import type { Checker } from './checker';
import { contains } from './convert';
import { occurrenceAt } from './ids';
import { ruleDocsUri, ruleExplanation } from './lint-source';
import { nodeAt } from './locate';
import { priceContextHover } from './price-hover';
import { describeOutcomeValue } from './value';
import { descriptionAt } from './schema-walk';
import type { Session } from './session';

export function hover(session: Session, checker: Checker, file: string, position: Position): Hover | null {
  const analyzed = session.analyze(file);
  if (!analyzed?.kind) return null;
  const parsed = analyzed.parsed;
  const offset = parsed.lines.offsetAt(position);
  const sections: string[] = [];

  for (const finding of checker.current(file)?.findings ?? []) {
    if (!contains(finding.span, offset)) continue;
    const explanation = ruleExplanation(finding.ruleId);
    const href = ruleDocsUri(finding.ruleId);
    if (explanation || href) sections.push(`**${finding.ruleId}**${explanation ? `: ${explanation}` : ''}${href ? `\n\n[Read about ${finding.ruleId}](${href})` : ''}`);
  }

  const model = analyzed.model;
  const occurrence = model ? occurrenceAt(model, offset) : undefined;
  if (model && occurrence) {
    const framework = model.kind === 'OutcomeFramework' ? model : session.frameworkOf(model)?.framework;
    const rateCards = model.kind === 'RateCard' ? [model] : session.family(file).rateCards;
    const about = framework ? describeId(framework, rateCards, model.kind === 'RateCard', occurrence.kind, occurrence.id) : undefined;
    if (about) sections.push(about);
  }

  const node = nodeAt(parsed, offset);
  // On a key, or on a plain value (`stage: entry`): what the field means.
  const plainValue = node && !node.onKey && typeof node.path[node.path.length - 1] === 'string' && !isContainer(parsed.value, node.path);
  if (node && (node.onKey || plainValue) && analyzed.kind && !occurrence) {
    const description = descriptionAt(analyzed.kind, node.path);
    if (description) sections.push(`**${escapeMarkdown(String(node.path[node.path.length - 1]))}**: ${description}`);
  }
  // On a price: what real UK programmes paid for the same kind of outcome.
  if (node && !node.onKey && model?.kind === 'RateCard') {
    const context = priceContextHover(model, session.frameworkOf(model)?.framework, node.path);
    if (context) sections.push(context);
  }
  if (!sections.length) return null;
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: node ? parsed.lines.rangeOf(node.span) : undefined };
}

function isContainer(root: unknown, path: readonly (string | number)[]): boolean {
  let value = root;
  for (const segment of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment as string] : undefined;
  return value !== null && typeof value === 'object';
}

function describeId(framework: FrameworkModel, rateCards: RateCardModel[], inRateCard: boolean, kind: 'outcome' | 'cohort' | 'payer', id: string): string | undefined {
  if (kind === 'outcome') {
    const outcome = framework.outcomeById.get(id);
    return outcome ? [describeOutcome(outcome, rateCards, inRateCard), describeOutcomeValue(framework, outcome, rateCards)].filter(Boolean).join('\n\n') : `No outcome ${inlineCode(id)} in the framework.`;
  }
  if (kind === 'cohort') {
    const cohort = framework.cohortById.get(id);
    if (!cohort) return `No cohort ${inlineCode(id)} in the framework.`;
    const lines = [`**Cohort ${inlineCode(id)}**: ${text(cohort.value.title)}`];
    if (typeof cohort.value.size === 'number') lines.push(`Target size: ${cohort.value.size} participants`);
    if (cohort.value.needs) lines.push(`Needs: ${text(cohort.value.needs)}`);
    if (cohort.eligibility?.length) lines.push('Eligibility:\n' + cohort.eligibility.map((c) => `- ${text(c)}`).join('\n'));
    return lines.join('\n\n');
  }
  const payer = framework.payerById.get(id);
  return payer ? `**Payer ${inlineCode(id)}**: ${text(payer.value.name)}` : `No payer ${inlineCode(id)} in the framework.`;
}

function describeOutcome(outcome: OutcomeEntry, rateCards: RateCardModel[], inRateCard: boolean): string {
  const v = outcome.value;
  const lines = [`**${text(v.title ?? outcome.id)}** (${inlineCode(outcome.id)})`];
  const facts = [v.domain && `domain: ${text(v.domain)}`, v.stage && `stage: ${text(v.stage)}`, v.role && `role: ${text(v.role)}`, typeof v.sustainWeeks === 'number' && `sustained ${v.sustainWeeks} weeks`, outcome.weeksToAchieve !== undefined && `achieved ${outcome.weeksToAchieve} week${outcome.weeksToAchieve === 1 ? '' : 's'} after joining`].filter(Boolean);
  if (facts.length) lines.push(facts.join(' · '));
  const evidence = v.evidence as { kind?: string; source?: string } | undefined;
  if (evidence && typeof evidence === 'object') lines.push(`Evidence: ${[evidence.kind, evidence.source].filter(Boolean).map(text).join(', ')}`);
  const baseline = Object.entries(outcome.baseline);
  lines.push(baseline.length ? `Baseline (would happen anyway): ${baseline.map(([cohort, share]) => `${text(cohort)} ${Math.round(share * 1000) / 10}%`).join(', ')}` : 'No baseline: deadweight cannot be estimated.');
  if (outcome.requires.length) lines.push(`Requires: ${outcome.requires.map(text).join(', ')}`);
  if (outcome.requiresAnyOf.length) lines.push(`Requires any of: ${outcome.requiresAnyOf.map(text).join(', ')}`);
  // In a rate card, its own price lines; in a framework, those of every rate card that prices it.
  for (const rateCard of rateCards) {
    const prices = rateCard.prices.filter((p) => p.outcome === outcome.id);
    const where = inRateCard ? 'this rate card' : `rate card ${inlineCode(rateCard.id ?? rateCard.file)}`;
    lines.push(
      prices.length
        ? `Price lines in ${where}:\n` + prices.map((p) => `- ${p.price === undefined ? '?' : `${text(rateCard.currency)} ${toDecimalString(p.price, rateCard.digits)}`} × ${p.maxClaims ?? '?'}${p.cohorts ? ` for ${p.cohorts.map(text).join(', ')}` : ''}`).join('\n')
        : `No price line in ${where}.`,
    );
  }
  return lines.join('\n\n');
}

/** File text in a hover: escaped, so a title cannot become an image, a link or HTML. */
function text(value: unknown): string {
  return value === undefined || value === null ? '' : escapeMarkdown(String(value));
}
