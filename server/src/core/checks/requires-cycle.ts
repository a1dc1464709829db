/** `requires-cycle`: prerequisites that loop back on themselves can never be achieved. */
import type { FrameworkCheckContext } from './context';
import { related, spanOf } from './context';

export const id = 'requires-cycle';

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (outcomeId: string): void => {
    state.set(outcomeId, 'visiting');
    stack.push(outcomeId);
    const outcome = framework.outcomeById.get(outcomeId);
    for (const next of outcome?.requires ?? []) {
      if (!framework.outcomeById.has(next) || next === outcomeId) continue;
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          // Report on the edge where the fix most likely belongs: an outcome that requires one
          // defined after it (prerequisites usually come first), else the edge that closed the loop.
          const edges = cycle.map((from, i) => [from, cycle[i + 1] ?? next] as const);
          const [from, to] = [...edges].reverse().find(([a, b]) => framework.outcomeById.get(b)!.index > framework.outcomeById.get(a)!.index) ?? [outcomeId, next];
          const requiring = framework.outcomeById.get(from)!;
          const index = requiring.value.requires!.indexOf(to);
          report({
            ruleId: id,
            message: `These outcomes require each other in a loop: ${[...cycle, next].map((o) => `\`${o}\``).join(' → ')}. None of them could ever be achieved first; remove one of the \`requires\`.`,
            span: spanOf(framework, [...requiring.path, 'requires', index]),
            related: cycle.filter((o) => o !== from).map((o) => related(framework, [...framework.outcomeById.get(o)!.path, 'requires'], `\`${o}\` is part of the loop`, true)),
          });
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(outcomeId, 'done');
  };
  for (const outcomeId of framework.outcomeById.keys()) if (!state.has(outcomeId)) visit(outcomeId);
}
