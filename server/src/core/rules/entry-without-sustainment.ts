/** A paid entry with nothing paid for keeping it rewards the start and not the lasting change. */
import { heldIn, meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { domainOf, isPaid, stageOf, walkBudget, type CardFacts, type RuleFacts } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('entry-without-sustainment', 'warning', 'A paid entry outcome has no paid sustainment outcome that builds on it, in the framework or in what a rate card prices.');

/** Whether outcome `id` is a paid sustainment outcome of `domain` (an entry's). */
function sustainsIn(facts: RuleFacts, domain: string | undefined, id: string): boolean {
  const next = facts.outcomeById(id);
  return next !== undefined && isPaid(next) && stageOf(next) === 'sustainment' && domainOf(next) === domain;
}

/** The paid sustainment outcomes of the entry's domain that build on it (the whole list: only for a message). */
function sustainmentsOf(facts: RuleFacts, entry: OutcomeEntry): OutcomeEntry[] {
  const domain = domainOf(entry);
  const out: OutcomeEntry[] = [];
  for (const id of facts.dependants(entry.id)) if (sustainsIn(facts, domain, id)) out.push(facts.outcomeById(id)!);
  return out;
}

/**
 * Whether a paid sustainment of the entry's domain builds on it (and, for a cohort, is priced for
 * it on the card). Where the entry's dependants form a tree (a long chain, say) they lie side by
 * side in the trees' layout, so this is a binary search among the sustainments of the domain,
 * not a walk to the end of the chain for every entry; elsewhere a walk that stops at the first.
 */
function sustainmentFinder(facts: RuleFacts, card: CardFacts | undefined, mode: 'plain' | 'fast' | 'adaptive'): (entry: OutcomeEntry, cohort?: string) => boolean {
  // Walks are cheaper on short chains; past the budget of steps, the trees' layout is built.
  let trees = mode === 'fast' ? facts.dependantTrees() : undefined;
  let walked = 0;
  const budget = walkBudget(facts.outcomes.length);
  const layouts = new Map<string | undefined, Map<string | undefined, number[]>>();
  // Where the paid sustainments (priced for `cohort`) lie, by domain, in order: one pass over the layout.
  const layout = (cohort: string | undefined): Map<string | undefined, number[]> => {
    let byDomain = layouts.get(cohort);
    if (byDomain) return byDomain;
    byDomain = new Map();
    const lines = cohort === undefined ? undefined : card!.linesForCohort(cohort);
    trees!.laidOut.forEach((id, at) => {
      const next = facts.outcomeById(id);
      if (!next || !isPaid(next) || stageOf(next) !== 'sustainment' || (lines && !lines.get(id)?.price)) return;
      const domain = domainOf(next);
      const list = byDomain!.get(domain);
      if (list) list.push(at);
      else byDomain!.set(domain, [at]);
    });
    layouts.set(cohort, byDomain);
    return byDomain;
  };
  return (entry, cohort) => {
    if (!trees && mode === 'adaptive' && walked > budget) trees = facts.dependantTrees();
    const span = trees?.span(entry.id);
    if (!span) {
      const lines = cohort === undefined ? undefined : card!.linesForCohort(cohort);
      const domain = domainOf(entry);
      return facts.someDependant(entry.id, (d) => {
        walked++;
        return sustainsIn(facts, domain, d) && (!lines || !!lines.get(d)?.price);
      });
    }
    const places = layout(cohort).get(domainOf(entry));
    if (!places) return false;
    let low = 0;
    let high = places.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (places[middle] < span.from) low = middle + 1;
      else high = middle;
    }
    return low < places.length && places[low] < span.to;
  };
}

/**
 * Whether a mistake elsewhere could be the missing sustainment: the entry itself failed
 * validation, or an outcome that did could be a sustainment of its domain building on it.
 */
function unsure(facts: RuleFacts, suspects: OutcomeEntry[], entry: OutcomeEntry): boolean {
  if (facts.doubtful(entry)) return true;
  if (suspects.length === 0) return false; // the usual case: no outcome failed validation
  const framework = facts.framework!;
  const unknown = (o: OutcomeEntry, field: string, value: unknown) => value === undefined || facts.invalid(framework, o.path, field);
  return suspects.some((o) => {
    if (o === entry) return false;
    const stage = o.value.stage;
    const domain = o.value.domain;
    const couldSustain = unknown(o, 'stage', stage) || stage === 'sustainment';
    const sameDomain = unknown(o, 'domain', domain) || domain === domainOf(entry);
    const buildsOn = facts.invalid(framework, o.path, 'requires') || facts.invalid(framework, o.path, 'requiresAnyOf') || o.requires.some((id) => !framework.outcomeById.has(id)) || o.requiresAnyOf.some((id) => !framework.outcomeById.has(id)) || facts.dependants(entry.id).has(o.id);
    return couldSustain && sameDomain && buildsOn;
  });
}

export const check: Rule['check'] = (context) => entryWithoutSustainment(context, 'adaptive');

/** The plain computation, which walks each entry's dependants: the fast path is proved against it. */
export const checkPlain: Rule['check'] = (context) => entryWithoutSustainment(context, 'plain');

/** The trees' layout from the first entry on (for the property tests; `check` turns to it only for long chains). */
export const checkFast: Rule['check'] = (context) => entryWithoutSustainment(context, 'fast');

function entryWithoutSustainment({ facts, report }: Parameters<Rule['check']>[0], mode: 'plain' | 'fast' | 'adaptive'): void {
  const suspects = [...facts.doubtfulOutcomes()];
  const framework = facts.frameworkTarget;
  const hasSustainment = sustainmentFinder(facts, facts.cardTarget, mode);
  if (framework) {
    for (const outcome of facts.paidOutcomes) {
      if (stageOf(outcome) !== 'entry' || !outcome.id || unsure(facts, suspects, outcome)) continue;
      if (hasSustainment(outcome)) continue;
      const domain = domainOf(outcome);
      report({
        model: framework,
        path: [...outcome.path, 'stage'],
        message: `${nameOf(outcome)} pays for the start of ${domain ?? 'an outcome'} but no paid sustainment outcome requires it, so the contract pays the same whether the ${heldIn(domain)} lasts a week or a year. Add a paid sustainment outcome in ${domain ?? 'this domain'} (such as 26 weeks sustained) with \`requires: [${outcome.id}]\`.`,
      });
    }
  }
  // What a rate card pays is the contract: an entry it prices, with the framework's sustainment
  // outcomes left unpriced (for that cohort), pays for the start alone.
  const card = facts.cardTarget;
  if (!card || !facts.framework) return;
  for (const lines of card.linesByOutcome.values()) {
    const entry = card.outcomeOf(lines[0]);
    if (!entry || !isPaid(entry) || stageOf(entry) !== 'entry' || unsure(facts, suspects, entry)) continue;
    if (!hasSustainment(entry)) continue; // said once, on the framework
    // A line naming an unknown outcome may be the sustainment, misspelt: that error is the message.
    const doubtful = facts.doubtfulLines(card);
    if (doubtful.length > 0 && doubtful.some((l) => lines.includes(l) || l.outcome === undefined || !facts.outcomeById(l.outcome) || sustainmentsOf(facts, entry).some((s) => s.id === l.outcome))) continue;
    for (const line of lines) {
      if (line.price === undefined || line.price === 0) continue;
      const cohorts = card.cohortsOf(line);
      const unpriced = cohorts.filter((cohort) => !hasSustainment(entry, cohort));
      if (unpriced.length === 0) continue;
      const sustainments = sustainmentsOf(facts, entry);
      const all = unpriced.length === cohorts.length;
      report({
        model: card.rateCard,
        path: [...line.path, 'price'],
        message: `${nameOf(entry)} is priced${all || unpriced.includes('*') ? '' : ` for ${unpriced.join(', ')}`}, but this rate card prices none of the sustainment outcomes the framework builds on it (${sustainments.map((s) => s.id).join(', ')})${all || unpriced.includes('*') ? '' : ' for that cohort'}. As priced, the contract pays for the start alone, the same whether the ${heldIn(domainOf(entry))} lasts a week or a year. Price a sustainment outcome${sustainments.length === 1 ? ` (${sustainments[0].id})` : ''} on this card.`,
        related: outcomeRelated(facts.framework, sustainments[0], 'the sustainment outcome this card does not price'),
      });
    }
  }
}
