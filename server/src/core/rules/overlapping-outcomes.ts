/** Two paid outcomes for the same achievement, with no `excludes`, can both be paid for one person. */
import { meta as ruleMeta, nameOf, relatedAt } from './common';
import { appendToList, appendToMapping } from './edits';
import { domainOf, stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule, RuleCheckContext } from './types';

export const meta = ruleMeta('overlapping-outcomes', 'warning', 'Two paid outcomes of the same domain and stage, with no excludes between them, can both be paid for one participant.', { fixable: true });

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  // Only outcomes alike in every way that makes achievements different can overlap: group by
  // domain, stage, qualification level, sustainment weeks and prerequisites, then compare within.
  const groups = new Map<string, OutcomeEntry[]>();
  for (const outcome of facts.paidOutcomes) {
    if (!outcome.id) continue;
    const v = outcome.value;
    // Most outcomes require at most one other: no sorted copy needed for their key.
    const requires = outcome.requires.length <= 1 ? (outcome.requires[0] ?? '') : [...outcome.requires].sort().join(',');
    const key = `${domainOf(outcome)}|${stageOf(outcome)}|${v.qualificationLevel}|${v.sustainWeeks}|${requires}`;
    const list = groups.get(key);
    if (list) list.push(outcome);
    else groups.set(key, [outcome]);
  }
  for (const paid of groups.values()) {
    for (let j = 1; j < paid.length; j++) {
      const later = paid[j];
      for (let i = 0; i < j; i++) {
        const earlier = paid[i];
        if (earlier.id === later.id || !overlap(facts, earlier, later)) continue;
        report({
          model: framework,
          path: [...later.path, 'id'],
          message: `${nameOf(later)} and ${nameOf(earlier)} are both paid ${stageOf(later)} outcomes in ${domainOf(later)}, and nothing stops both being paid for the same participant. If they are the same achievement seen two ways, the contract pays twice for one result. Add \`excludes: [${earlier.id}]\` to ${later.id}, or, if both can truly happen, make one build on the other with \`requires\`.`,
          related: [relatedAt(framework, [...earlier.path, 'id'], 'the outcome it overlaps with')],
          fix: () => excludesFix(framework, later, earlier.id),
        });
        break; // one finding per outcome: its first overlap
      }
    }
  }
};

/**
 * Whether two outcomes of one group can both be paid. Outcomes at different qualification levels,
 * of different sustainment lengths, or in different chains (sustaining different entries, whose
 * own overlap is reported on the entries) never share a group.
 */
function overlap(facts: RuleCheckContext['facts'], a: OutcomeEntry, b: OutcomeEntry): boolean {
  if (a.excludes.includes(b.id) || b.excludes.includes(a.id)) return false;
  // A chain (one requires the other) is progress, not a repeat.
  if (facts.prerequisites(a.id).has(b.id) || facts.prerequisites(b.id).has(a.id)) return false;
  return true;
}

function excludesFix(framework: RuleCheckContext['facts']['frameworkTarget'] & object, outcome: OutcomeEntry, other: string) {
  const path = [...outcome.path, 'excludes'];
  const edit = framework.parsed.locate(path) ? appendToList(framework, path, other) : appendToMapping(framework, outcome.path, [`excludes: [${other}]`]);
  return edit && { title: `Add excludes: [${other}] to ${outcome.id}`, edits: [edit] };
}
