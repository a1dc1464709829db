/** A cap that binds stops payments while outcomes are still being achieved. */
import { listOf, meta as ruleMeta, money } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('cap-binds', 'info', 'Expected payments reach caps.total or a payer\'s caps.perPayer, or what one participant could earn exceeds caps.perParticipant.');

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card || facts.doubtfulCard(card) || facts.invalid(card.rateCard, ['caps'])) return;
  if (facts.paidOutcomes.some((o) => card.linesByOutcome.has(o.id) && facts.doubtful(o))) return;
  const rateCard = card.rateCard;
  const { total, perParticipant } = rateCard.caps;
  if (total !== undefined) {
    const totals = card.figures();
    if (totals?.expected !== null && totals?.expected !== undefined && totals.expected >= total) {
      // Expected payments that are only an upper bound may reach the cap, not do so for certain.
      const bound = totals.upperBounds.expected;
      report({
        model: rateCard,
        path: ['caps', 'total'],
        message: `${bound ? `Expected payments may reach the total cap of ${money(total, rateCard)}: they are at most ${money(totals.expected, rateCard)}, only an upper bound (${bound})${totals.capsApplied.includes('total.expected') ? ', and on that bound the cap cuts them' : ''}` : `Expected payments reach the total cap of ${money(total, rateCard)}${totals.capsApplied.includes('total.expected') ? ' (the projection would pay more, and the cap cuts it)' : ''}`}. Once the cap is reached, payments stop although the provider is still achieving outcomes for people, so the last participants may get less help. Check that the projection is right, and raise the cap or the budget if it is.`,
      });
    }
  }
  // Caps per payer: in co-commissioned deals the one that binds first. Said on the payer's own cap.
  const perPayer = rateCard.caps.perPayer ?? {};
  const payerCapped = Object.keys(perPayer).filter((id) => perPayer[id] !== undefined);
  if (payerCapped.length) {
    const figures = card.figures();
    for (const id of payerCapped) {
      if (!figures?.capsApplied.includes(`perPayer.${id}.expected`)) continue;
      report({
        model: rateCard,
        path: ['caps', 'perPayer', id],
        message: `Expected payments by ${id} reach its cap of ${money(perPayer[id]!, rateCard)} (caps.perPayer): the projection would have it pay more, and the cap cuts it. Once the cap is reached, ${id} stops paying although outcomes are still being achieved, so the provider is paid less for the last participants unless another payer covers them. Check that the projection is right, and raise the cap or agree who pays beyond it.`,
      });
    }
  }
  if (perParticipant !== undefined) {
    const over = new Map<string, number | null>();
    let most: number | null = 0;
    for (const cohort of card.cohorts) {
      const max = card.uncappedMaxPerParticipant(cohort);
      if (max === undefined || (max !== null && max <= perParticipant)) continue;
      over.set(cohort, max);
      most = most === null || max === null ? null : Math.max(most, max);
    }
    if (over.size === 0) return;
    // The largest maximum is only an upper bound (a search too large to finish) when every cohort reaching it has one.
    const bounds = card.figures()?.upperBounds ?? {};
    const reasons = [...over].filter(([, max]) => max === most).map(([cohort]) => bounds[`uncappedMaxPerParticipant.${cohort}`]);
    const bound = most !== null && reasons.every(Boolean) ? reasons[0] : undefined;
    const who = `A participant${over.has('*') ? '' : ` of ${listOf([...over.keys()], 'or')}`}`;
    report({
      model: rateCard,
      path: ['caps', 'perParticipant'],
      message: bound !== undefined && most !== null
        ? `${who} could earn at most ${money(most, rateCard)} across the price lines, only an upper bound (${bound}), so possibly more than the per-participant cap of ${money(perParticipant, rateCard)}. Someone who achieves everything may hit the cap, after which the provider earns nothing more for helping them further. Check that this is intended (a cap is often set on purpose), or raise the cap.`
        : `${who} could earn ${most === null ? 'without limit' : `up to ${money(most, rateCard)}`} across the price lines, more than the per-participant cap of ${money(perParticipant, rateCard)}. Someone who achieves everything would hit the cap, after which the provider earns nothing more for helping them further. Check that this is intended (a cap is often set on purpose), or raise the cap.`,
    });
  }
};
