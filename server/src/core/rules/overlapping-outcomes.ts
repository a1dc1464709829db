/** Two paid outcomes for the same achievement, with no `excludes`, can both be paid for one person. */
import { meta as ruleMeta, nameOf, relatedAt } from './common';
import { appendToList, appendToMapping } from './edits';
import { domainOf, isPaid, stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule, RuleCheckContext } from './types';

export const meta = ruleMeta('overlapping-outcomes', 'warning', 'Two paid outcomes alike in a domain where a person holds one at a time (a home, a job, a course), with no excludes between them, can both be paid.', { fixable: true, fixChangesTerm: true });

/**
 * Domains where one person holds one of a kind at a time, so two alike outcomes are likely one
 * achievement seen two ways (a tenancy or supported lodgings; a job or self-employment). In the
 * others (health, treatment, wellbeing) alike outcomes are usually separate services that one
 * person may need both of, drug and alcohol treatment say.
 */
const ONE_AT_A_TIME = new Set(['accommodation', 'care-placement', 'employment', 'education', 'training']);
/**
 * Starting or keeping a home, a job or a course is held one at a time; steps along the way
 * (25% then 50% of a course, a year then two of higher education) and qualifications are not.
 */
const HELD_STAGES = new Set(['entry', 'sustainment']);

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  // Only outcomes alike in every way that makes achievements different can overlap: group by
  // domain, stage, qualification level, sustainment weeks and prerequisites, then compare within.
  // First by prerequisites alone (a string each outcome already has): most sustainment outcomes
  // require an entry of their own, so they stand alone and need no full key built.
  const byRequires = new Map<string, OutcomeEntry[]>();
  for (const outcome of facts.paidOutcomes) {
    if (!outcome.id || !ONE_AT_A_TIME.has(domainOf(outcome) ?? '') || !HELD_STAGES.has(stageOf(outcome) ?? '') || facts.doubtful(outcome)) continue;
    // Most outcomes require at most one other: no sorted copy needed for their key.
    let requires = outcome.requires.length <= 1 ? (outcome.requires[0] ?? '') : [...outcome.requires].sort().join(',');
    if (outcome.requiresAnyOf.length) requires += `|${[...outcome.requiresAnyOf].sort().join(',')}`;
    const list = byRequires.get(requires);
    if (list) list.push(outcome);
    else byRequires.set(requires, [outcome]);
  }
  const groups: OutcomeEntry[][] = [];
  for (const alike of byRequires.values()) {
    if (alike.length < 2) continue;
    const within = new Map<string, OutcomeEntry[]>();
    for (const outcome of alike) {
      const v = outcome.value;
      if (domainOf(outcome) === undefined || stageOf(outcome) === undefined) continue; // the schema reports it; no overlap can be told (found by fuzzing: "in undefined")
      const key = `${domainOf(outcome)}|${stageOf(outcome)}|${v.qualificationLevel}|${v.sustainWeeks}`;
      const list = within.get(key);
      if (list) list.push(outcome);
      else within.set(key, [outcome]);
    }
    for (const list of within.values()) if (list.length > 1) groups.push(list);
  }
  const stops = stopsWith(facts.outcomes);
  // Outcomes that need one of the two on every route: an exclusion between them would stop
  // those for everyone on the other (a 13-week job payment, for every apprentice), unless the
  // other has its own of the kind (lodgings kept 26 weeks beside a tenancy kept 26 weeks:
  // two exclusive pathways, each paid on its own).
  const ownOf = (other: OutcomeEntry, o: OutcomeEntry) => facts.someDependant(other.id, (d) => {
    const e = facts.outcomeById(d);
    return !!e && isPaid(e) && stageOf(e) === stageOf(o) && domainOf(e) === domainOf(o);
  });
  const stoppedBy = (needs: OutcomeEntry, other: OutcomeEntry, into: (readonly [OutcomeEntry, OutcomeEntry, OutcomeEntry])[]) => {
    for (const o of stops(needs.id)) if (!ownOf(other, o) && o.id !== other.id) into.push([o, needs, other]);
  };
  // Emptied for each pair: most pairs stop nothing.
  const stopped: (readonly [OutcomeEntry, OutcomeEntry, OutcomeEntry])[] = [];
  for (const paid of groups) {
    for (let j = 1; j < paid.length; j++) {
      const later = paid[j];
      for (let i = 0; i < j; i++) {
        const earlier = paid[i];
        if (earlier.id === later.id || !overlap(facts, earlier, later)) continue;
        stopped.length = 0;
        stoppedBy(earlier, later, stopped);
        stoppedBy(later, earlier, stopped);
        const base = `${nameOf(later)} and ${nameOf(earlier)} are both paid ${stageOf(later)} outcomes in ${domainOf(later)}, where a person usually holds one at a time, and nothing stops both being paid for the same participant.`;
        const decide = 'Either way it is a contract term, for the people who agree the contract to decide.';
        if (stopped.length > 0) {
          const [first, needs, other] = stopped[0];
          const more = stopped.length > 1 ? ` (and ${stopped.length - 1} more outcome${stopped.length > 2 ? 's' : ''})` : '';
          // It requires the one directly, or needs it on every route it may follow (requiresAnyOf).
          const direct = first.requires.includes(needs.id);
          const how = direct ? `which requires ${needs.id}` : `which needs ${needs.id} on every route it may follow`;
          const advice = direct
            ? `If it may follow either, give it \`requiresAnyOf: [${needs.id}, ${other.id}]\` in place of requiring ${needs.id}`
            : `If it may follow either, give it a route through ${other.id} (\`requiresAnyOf\`)`;
          // The term fix, offered (never applied by --fix unless asked for terms): the first stopped outcome that requires the one directly.
          const fixable = stopped.find(([o, n]) => o.requires.includes(n.id) && o.requiresAnyOf.length === 0);
          report({
            model: framework,
            path: [...later.path, 'id'],
            message: `${base} An \`excludes\` between them would also stop ${nameOf(first)}${more}, ${how}, for everyone who achieves ${other.id}. ${advice}; then, if the two are one achievement seen two ways, add the \`excludes\`. If one person can truly achieve both, nothing needs to change; suppress this finding with the reason. ${decide}`,
            related: [relatedAt(framework, [...earlier.path, 'id'], 'the outcome it overlaps with'), relatedAt(framework, [...first.path, direct || first.requiresAnyOf.length === 0 ? 'requires' : 'requiresAnyOf'], `what an exclusion would stop for everyone on ${other.id}`, true)],
            ...(fixable ? { fix: () => anyOfFix(framework, fixable[0], fixable[1].id, fixable[2].id) } : {}),
          });
          break;
        }
        report({
          model: framework,
          path: [...later.path, 'id'],
          message: `${base} If they are the same achievement seen two ways, the contract pays twice for one result: say so with \`excludes: [${earlier.id}]\` on ${later.id}. If one person can truly achieve both, nothing needs to change; suppress this finding with the reason. ${decide}`,
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

/**
 * The paid outcomes that need an outcome on every route: those that require it (or require one
 * that does), and those every one of whose \`requiresAnyOf\` routes needs it (a 13-week job
 * payment that may follow a job entry or a job entry with training needs the job entry; one that
 * may follow a job entry or an apprenticeship start does not). Worked out as a closure: an outcome
 * joins when one it requires has joined, or when every one it may follow has.
 */
export function stopsWith(outcomes: readonly OutcomeEntry[]): (id: string) => readonly OutcomeEntry[] {
  let requiredBy: Map<string, OutcomeEntry[]> | undefined;
  let followedBy: Map<string, OutcomeEntry[]> | undefined;
  // How many routes each outcome may follow (its distinct requiresAnyOf).
  const routes = new Map<OutcomeEntry, number>();
  // One outcome is often the first of many overlapping pairs: its closure is worked out once.
  const known = new Map<string, readonly OutcomeEntry[]>();
  const seen = new Set<string>();
  // How many of each outcome's routes need it so far.
  const routesNeeding = new Map<OutcomeEntry, number>();
  const stack: string[] = [];
  let found: OutcomeEntry[] = [];
  const join = (o: OutcomeEntry) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    if (isPaid(o)) found.push(o);
    stack.push(o.id);
  };
  return (id) => {
    const before = known.get(id);
    if (before) return before;
    if (!requiredBy || !followedBy) {
      requiredBy = new Map();
      followedBy = new Map();
      for (const o of outcomes) {
        if (!o.id) continue;
        for (const r of o.requires) (requiredBy.get(r) ?? requiredBy.set(r, []).get(r)!).push(o);
        if (o.requiresAnyOf.length === 0) continue;
        const distinct = new Set(o.requiresAnyOf);
        routes.set(o, distinct.size);
        for (const r of distinct) (followedBy.get(r) ?? followedBy.set(r, []).get(r)!).push(o);
      }
    }
    // The walk's own sets, emptied and used again for each id (only `found` is kept).
    found = [];
    seen.clear();
    seen.add(id);
    routesNeeding.clear();
    stack.length = 0;
    stack.push(id);
    while (stack.length) {
      const at = stack.pop()!;
      const required = requiredBy.get(at);
      if (required) for (const o of required) join(o);
      const followed = followedBy.get(at);
      if (!followed) continue;
      for (const o of followed) {
        const count = (routesNeeding.get(o) ?? 0) + 1;
        routesNeeding.set(o, count);
        if (count === routes.get(o)) join(o);
      }
    }
    known.set(id, found);
    return found;
  };
}

/**
 * The term fix for an outcome that requires \`needs\` but may as well follow \`other\`: its
 * \`requires: [needs]\` becomes \`requiresAnyOf: [needs, other]\` (what else it requires stays).
 * Loosening a prerequisite stops no payment; it lets \`other\`'s participants be paid too, a term
 * the people who agree the contract decide, so it is offered and marked as changing a term.
 */
function anyOfFix(framework: RuleCheckContext['facts']['frameworkTarget'] & object, outcome: OutcomeEntry, needs: string, other: string) {
  const at = framework.parsed.locate([...outcome.path, 'requires']);
  if (!at?.key || outcome.requiresAnyOf.length > 0) return undefined;
  const text = framework.parsed.text;
  // One edit over `requires: …` (a flow or block list), its trailing line break kept.
  let end = at.value.end;
  while (end > at.value.start && /\s/.test(text[end - 1])) end--;
  const lineStart = text.lastIndexOf('\n', at.key.start - 1) + 1;
  const indent = text.slice(lineStart, at.key.start).replace(/[^ ]/g, ' ');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rest = outcome.requires.filter((r) => r !== needs);
  const anyOf = `requiresAnyOf: [${needs}, ${other}]`;
  const newText = rest.length === 0 ? anyOf : `requires: [${rest.join(', ')}]${eol}${indent}${anyOf}`;
  return { title: `Let ${outcome.id} follow ${needs} or ${other} (requiresAnyOf in place of requiring ${needs})`, edits: [{ span: { start: at.key.start, end }, newText }], changesTerm: true };
}

function excludesFix(framework: RuleCheckContext['facts']['frameworkTarget'] & object, outcome: OutcomeEntry, other: string) {
  const path = [...outcome.path, 'excludes'];
  const edit = framework.parsed.locate(path) ? appendToList(framework, path, other) : appendToMapping(framework, outcome.path, [`excludes: [${other}]`]);
  return edit && { title: `Add ${other} to the excludes of ${outcome.id}`, edits: [edit], changesTerm: true };
}
