/** Without a total cap, or with an unlimited line and no per-person cap, the payers cannot know their exposure. */
import { meta as ruleMeta, money, nameOf, outcomeRelated } from './common';
import { amountText, appendToMapping, insertLinesBefore } from './edits';
import type { Fix } from '../findings';
import type { Rule } from './types';

export const meta = ruleMeta('uncapped-liability', 'warning', 'The rate card has no total cap, or an unlimited line with no per-participant cap.', { fixable: true, fixChangesTerm: true });

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card) return;
  const rateCard = card.rateCard;
  const capsNode = rateCard.parsed.locate(['caps']);
  if (facts.invalid(rateCard, ['caps'])) return; // a misspelt or unreadable cap: its error is the message
  if (rateCard.caps.total === undefined && rateCard.parsed.locate(['caps', 'total']) === undefined) {
    // Without its framework (not readable, or outside the workspace) the figure leaves out the
    // framework's pathways, sizes and payers: no figure is asserted then.
    const unread = !facts.framework && rateCard.framework !== undefined;
    const figure = facts.doubtfulCard(card) || unread ? undefined : card.maximumLiability(); // no figure from a card with a mistake in it
    const liability = figure ?? null; // unbounded, or not computable: no fix then
    // A maximum that is only an upper bound (a pathway search too large to finish) is said as one.
    const bound = figure !== undefined && figure !== null && card.figures()?.upperBounds.maximumLiability !== undefined;
    let fix: Fix | undefined;
    if (liability !== null && liability > 0) {
      const amount = amountText(liability, rateCard.digits);
      const edit = capsNode ? appendToMapping(rateCard, ['caps'], [`total: ${amount}`]) : insertLinesBefore(rateCard, ['prices'], ['caps:', `  total: ${amount}`]);
      if (edit) fix = { title: `Add caps.total: ${amount} (${bound ? 'at most ' : ''}the maximum liability, ${money(liability, rateCard)})`, edits: [edit], changesTerm: true, figure: true };
    }
    const today = liability === null ? '' : bound ? ` (the maximum liability today is at most ${money(liability, rateCard)}: an upper bound, as ${card.figures()?.upperBounds.maximumLiability ?? 'the pathways were too many to search'})` : ` (${money(liability, rateCard)} is the maximum liability today)`;
    report({
      model: rateCard,
      path: capsNode ? ['caps'] : ['prices'],
      onKey: true,
      message: `This rate card has no total cap (caps.total), so nothing limits what the outcome payers could owe in all${unread ? '; its framework could not be read, so the maximum liability is not worked out here' : figure === null ? '; with what it says now, the most they could pay is unbounded' : figure === undefined ? '' : `; at most ${money(liability, rateCard)} as priced now, but any change of prices or numbers moves that`}. Payers need a figure to budget and to stop the contract costing more than it was approved for. Add caps.total${today}.`,
      fix,
    });
  }
  if (rateCard.caps.perParticipant !== undefined || rateCard.parsed.locate(['caps', 'perParticipant'])) return;
  for (const line of rateCard.prices) {
    if (line.maxClaims !== 'unlimited' || facts.doubtfulLine(card, line)) continue;
    const outcome = card.outcomeOf(line);
    report({
      model: rateCard,
      path: [...line.path, 'maxClaims'],
      message: `${nameOf(outcome, line.outcome)} may be paid an unlimited number of times and there is no per-participant cap (caps.perParticipant), so there is no ceiling on what a provider can earn for one person. Give maxClaims a number, or add caps.perParticipant.`,
      related: outcomeRelated(facts.framework, outcome, 'the outcome paid without limit'),
    });
  }
};
