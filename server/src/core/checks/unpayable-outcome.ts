/**
 * `unpayable-outcome`: an outcome whose prerequisites (itself included) hold two outcomes that
 * exclude each other can never be achieved by anyone, so it is never paid (docs/totals.md,
 * "One pathway per participant"). Reported on its `requires`, where the fix most likely belongs;
 * where every route of its `requiresAnyOf` clashes, on that.
 */
import type { FrameworkCheckContext } from './context';
import { related, spanOf } from './context';
import { pathwaysOf } from '../totals/pathways';

export const id = 'unpayable-outcome';

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  const { unpayable } = pathwaysOf(framework);
  for (const [outcomeId, { clash, anyOf }] of unpayable) {
    const outcome = framework.outcomeById.get(outcomeId)!;
    const [a, b] = clash;
    const other = a === outcomeId ? b : b === outcomeId ? a : undefined;
    const detail =
      (other !== undefined
        ? `it requires \`${other}\` (directly or through what it requires), which it excludes`
        : `it requires both \`${a}\` and \`${b}\` (directly or through what it requires), and they exclude each other`);
    const why = anyOf ? `none of the outcomes it may follow (${anyOf.map((o) => `\`${o}\``).join(', ')}) can be achieved with what else it needs (for one: ${detail})` : detail;
    // The outcome that lists the exclusion (either side may).
    const lister = framework.outcomeById.get(a)!.excludes.includes(b) ? framework.outcomeById.get(a)! : framework.outcomeById.get(b)!;
    const never = outcome.value.role === 'indicator' ? 'can never be achieved' : 'can never be achieved, so it is never paid';
    report({
      ruleId: id,
      message: `\`${outcomeId}\` ${never}: ${why}. One participant follows one pathway. Remove the \`${anyOf ? 'requiresAnyOf' : 'requires'}\` or the \`excludes\` that does not belong.`,
      span: spanOf(framework, [...outcome.path, anyOf ? 'requiresAnyOf' : 'requires'], true),
      related: [lister].map((x) => related(framework, [...x.path, 'excludes'], `the exclusion between \`${a}\` and \`${b}\``, true)),
    });
  }
}
