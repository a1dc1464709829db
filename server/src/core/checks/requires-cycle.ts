/** `requires-cycle`: prerequisites that loop back on themselves can never be achieved. */
import type { FrameworkCheckContext } from './context';
import { related, spanOf } from './context';

export const id = 'requires-cycle';

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  // Depth-first with an explicit stack: a chain of thousands of outcomes must not use the call stack.
  const visit = (start: string): void => {
    const frames: { outcomeId: string; next: number }[] = [];
    const enter = (outcomeId: string) => {
      state.set(outcomeId, 'visiting');
      stack.push(outcomeId);
      frames.push({ outcomeId, next: 0 });
    };
    enter(start);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const outcomeId = frame.outcomeId;
      const requires = framework.outcomeById.get(outcomeId)?.requires ?? [];
      if (frame.next >= requires.length) {
        frames.pop();
        stack.pop();
        state.set(outcomeId, 'done');
        continue;
      }
      const next = requires[frame.next++];
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
      } else if (!state.has(next)) enter(next);
    }
  };
  for (const outcomeId of framework.outcomeById.keys()) if (!state.has(outcomeId)) visit(outcomeId);
}
