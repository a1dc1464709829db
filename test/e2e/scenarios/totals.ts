/** Code lens and inlay hints show the totals, and they match `outcomes-lint totals --format json` for the same file. */
import { cliTotals, expect, goodRateCards, open, rel, waitFor, type Scenario } from './harness';
import { mismatches, shownOn, type Shown } from './totals-shown';

export const totals: Scenario = {
  name: 'totals: code lens and inlay hints match outcomes-lint totals',
  async run(ctx) {
    const root = ctx.fresh();
    const cards = goodRateCards(ctx, root);
    expect(cards.length > 0, 'no rate card without errors in the samples.');
    for (const card of cards) {
      const editor = await open(card);
      const figures = cliTotals(ctx, card, root);
      let shown: Shown = { lenses: [], hints: [] };
      let problems: string[] = [];
      const { ms } = await waitFor(`the lenses and hints of ${rel(root, card)} to match the CLI`, async () => {
        shown = await shownOn(editor.document);
        problems = mismatches(editor.document, figures, shown);
        return problems.length === 0 ? true : undefined;
      }, 20000, () => `${problems.join('; ')} — lenses ${JSON.stringify(shown.lenses)}`);
      ctx.saw(`${rel(root, card)} after ${ms} ms: lenses ${JSON.stringify(shown.lenses)}; ${shown.hints.length} hints, e.g. ${JSON.stringify(shown.hints[0]?.label)}; CLI maximum liability ${figures.maximumLiability}, expected ${figures.expected}`);
    }
  },
};
