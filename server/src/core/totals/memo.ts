/** One computation per (rate card, framework) model pair. */
import type { FrameworkModel, RateCardModel } from '../model';

/**
 * Remembers `compute`'s last result for each rate card model, with the framework it was computed
 * against. Models are rebuilt whenever their text changes, so the same pair always has the same
 * answer; the rules, the editor's hints and the preview then share one computation per check.
 */
export function oncePerPair<T>(compute: (card: RateCardModel, framework: FrameworkModel | undefined) => T): (card: RateCardModel, framework: FrameworkModel | undefined) => T {
  const computed = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; value: T }>();
  return (card, framework) => {
    const known = computed.get(card);
    if (known && known.framework === framework) return known.value;
    const value = compute(card, framework);
    computed.set(card, { framework, value });
    return value;
  };
}
