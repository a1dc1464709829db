/** One price for people of very different needs makes the hardest to help the least worth helping. */
import { lineRelated, meta as ruleMeta, listOf, nameOf } from './common';
import type { PriceLineModel } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('uniform-price-mixed-needs', 'info', 'Cohorts of different needs (or a cohort of mixed needs) share one price for an outcome.');

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card || !facts.framework) return;
  const framework = facts.framework;
  // One finding per reason (the same cohorts share the prices), on its first line: a card of
  // general lines for cohorts of different needs is one design choice, not one per line.
  const groups = new Map<string, { why: string; lines: PriceLineModel[] }>();
  // Most lines share one set of cohorts (every cohort, or one each): the reason is worked out once per set.
  const reasons = new Map<string, string | undefined>();
  // The same list (every cohort, for a general line) is usually handed back for line after line: known by the list itself first.
  const byList = new Map<readonly string[], string | undefined>();
  for (const line of card.rateCard.prices) {
    if (line.price === undefined || !line.outcome || facts.doubtfulLine(card, line)) continue;
    const ids = card.cohortsOf(line);
    let why: string | undefined;
    if (byList.has(ids)) why = byList.get(ids);
    else {
      const key = ids.join(',');
      why = reasons.get(key);
      if (!reasons.has(key)) {
        why = reasonOf(ids);
        reasons.set(key, why);
      }
      byList.set(ids, why);
    }
    if (why === undefined) continue;
    const group = groups.get(why);
    if (group) group.lines.push(line);
    else groups.set(why, { why, lines: [line] });
  }
  function reasonOf(ids: string[]): string | undefined {
    const cohorts = ids.map((id) => framework.cohortById.get(id)).filter((c) => c !== undefined);
    const needs = new Map<string, string[]>();
    for (const cohort of cohorts) {
      const level = facts.invalid(framework, cohort.path, 'needs') ? undefined : cohort.value.needs;
      if (typeof level === 'string') needs.set(level, [...(needs.get(level) ?? []), cohort.id]);
    }
    const mixed = needs.get('mixed');
    if (needs.size < 2 && !mixed) return undefined;
    return mixed
      ? `${listOf(mixed)} ${mixed.length === 1 ? 'is a cohort' : 'are cohorts'} of mixed needs`
      : `they apply to cohorts of ${listOf([...needs.keys()].map((n) => `${n} needs`))} (${listOf([...needs.values()].flat())})`;
  }
  for (const { why, lines } of groups.values()) {
    const [first, ...rest] = lines;
    const names = lines.map((l) => nameOf(facts.outcomeById(l.outcome!), l.outcome));
    const subject = lines.length === 1 ? `${names[0]} has one price although ${why.replace(/^they apply/, 'it applies')}` : `${lines.length} outcomes (${listOf(lines.map((l) => l.outcome!))}) each have one price although ${why}`;
    report({
      model: card.rateCard,
      path: [...first.path, 'price'],
      message: `${subject}. The same payment for an easy case and a hard one gives a provider reason to work with the easy cases first and park the people who need most help. Consider cohort-specific price lines (\`cohorts: [...]\`) for the higher-need group, or splitting the cohort by need.`,
      related: rest.map((l) => lineRelated(card.rateCard, l, `also one price for every cohort (${l.outcome})`)),
    });
  }
};
