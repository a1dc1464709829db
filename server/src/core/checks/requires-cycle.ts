/**
 * `requires-cycle`: prerequisites that loop back on themselves can never be achieved. A loop
 * through one of `requiresAnyOf`'s routes is one too: that route could never come first, and an
 * analyst who wrote it meant something else (docs/totals.md, "Decisions at the edges").
 */
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
      const entry = framework.outcomeById.get(outcomeId);
      const requires = entry ? prerequisitesOf(entry) : [];
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
          const field = requiring.requires.includes(to) ? 'requires' : 'requiresAnyOf';
          const index = (requiring.value[field] as unknown[]).indexOf(to);
          const anyOf = cycle.some((o, i) => !framework.outcomeById.get(o)!.requires.includes(cycle[i + 1] ?? next));
          report({
            ruleId: id,
            message: anyOf
              ? `These outcomes require each other in a loop (one of them through \`requiresAnyOf\`): ${[...cycle, next].map((o) => `\`${o}\``).join(' → ')}. That route could never be achieved first; remove one of the \`requires\` or \`requiresAnyOf\`.`
              : `These outcomes require each other in a loop: ${[...cycle, next].map((o) => `\`${o}\``).join(' → ')}. None of them could ever be achieved first; remove one of the \`requires\`.`,
            span: spanOf(framework, [...requiring.path, field, index]),
            related: cycle.filter((o) => o !== from).map((o) => related(framework, [...framework.outcomeById.get(o)!.path, 'requires'], `\`${o}\` is part of the loop`, true)),
          });
        }
      } else if (!state.has(next)) enter(next);
    }
  };
  for (const outcomeId of framework.outcomeById.keys()) if (!state.has(outcomeId)) visit(outcomeId);
}

/** What an outcome builds on: all it requires, then each route it may follow. */
function prerequisitesOf(outcome: { requires: string[]; requiresAnyOf: string[] }): string[] {
  return outcome.requiresAnyOf.length ? [...outcome.requires, ...outcome.requiresAnyOf] : outcome.requires;
}
