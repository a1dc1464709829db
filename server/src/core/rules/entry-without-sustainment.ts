/** A paid entry with nothing paid for keeping it rewards the start and not the lasting change. */
import { heldIn, meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { domainOf, isPaid, stageOf, type RuleFacts } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('entry-without-sustainment', 'warning', 'A paid entry outcome has no paid sustainment outcome that builds on it, in the framework or in what a rate card prices.');

/** The paid sustainment outcomes of the entry's domain that build on it. */
function sustainmentsOf(facts: RuleFacts, entry: OutcomeEntry): OutcomeEntry[] {
  const domain = domainOf(entry);
  const out: OutcomeEntry[] = [];
  for (const id of facts.dependants(entry.id)) {
    const next = facts.outcomeById(id);
    if (next && isPaid(next) && stageOf(next) === 'sustainment' && domainOf(next) === domain) out.push(next);
  }
  return out;
}

/**
 * Whether a mistake elsewhere could be the missing sustainment: the entry itself failed
 * validation, or an outcome that did could be a sustainment of its domain building on it.
 */
function unsure(facts: RuleFacts, suspects: OutcomeEntry[], entry: OutcomeEntry): boolean {
  if (facts.doubtful(entry)) return true;
  const framework = facts.framework!;
  const unknown = (o: OutcomeEntry, field: string, value: unknown) => value === undefined || facts.invalid(framework, [...o.path, field]);
  return suspects.some((o) => {
    if (o === entry) return false;
    const stage = o.value.stage;
    const domain = o.value.domain;
    const couldSustain = unknown(o, 'stage', stage) || stage === 'sustainment';
    const sameDomain = unknown(o, 'domain', domain) || domain === domainOf(entry);
    const buildsOn = facts.invalid(framework, [...o.path, 'requires']) || o.requires.some((id) => !framework.outcomeById.has(id)) || facts.dependants(entry.id).has(o.id);
    return couldSustain && sameDomain && buildsOn;
  });
}

export const check: Rule['check'] = ({ facts, report }) => {
  const suspects = [...facts.doubtfulOutcomes()];
  const framework = facts.frameworkTarget;
  if (framework) {
    for (const outcome of facts.paidOutcomes) {
      if (stageOf(outcome) !== 'entry' || !outcome.id || unsure(facts, suspects, outcome)) continue;
      if (sustainmentsOf(facts, outcome).length > 0) continue;
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
  for (const [id, lines] of card.linesByOutcome) {
    const entry = facts.outcomeById(id);
    if (!entry || !isPaid(entry) || stageOf(entry) !== 'entry' || unsure(facts, suspects, entry)) continue;
    const sustainments = sustainmentsOf(facts, entry);
    if (sustainments.length === 0) continue; // said once, on the framework
    // A line naming an unknown outcome may be the sustainment, misspelt: that error is the message.
    if (facts.doubtfulLines(card).some((l) => lines.includes(l) || l.outcome === undefined || !facts.outcomeById(l.outcome) || sustainments.some((s) => s.id === l.outcome))) continue;
    for (const line of lines) {
      if (line.price === undefined || line.price === 0) continue;
      const cohorts = card.cohortsOf(line);
      const unpriced = cohorts.filter((cohort) => !sustainments.some((s) => card.lineFor(s.id, cohort)?.price));
      if (unpriced.length === 0) continue;
      const all = unpriced.length === cohorts.length;
      report({
        model: card.rateCard,
        path: [...line.path, 'price'],
        message: `${nameOf(entry)} is priced${all || unpriced.includes('*') ? '' : ` for ${unpriced.join(', ')}`}, but this rate card prices none of the sustainment outcomes the framework builds on it (${sustainments.map((s) => s.id).join(', ')})${all || unpriced.includes('*') ? '' : ' for that cohort'}. As priced, the contract pays for the start alone, the same whether the ${heldIn(domainOf(entry))} lasts a week or a year. Price a sustainment outcome${sustainments.length === 1 ? ` (${sustainments[0].id})` : ''} on this card.`,
        related: outcomeRelated(facts.framework, sustainments[0], 'the sustainment outcome this card does not price'),
      });
    }
  }
};
