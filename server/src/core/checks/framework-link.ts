/** `framework-not-found` and `currency-mismatch`: the rate card's link to its framework. */
import * as path from '../path';
import type { RateCardCheckContext } from './context';
import { related, spanOf } from './context';

export function checkRateCard({ workspace, rateCard, link, framework, report }: RateCardCheckContext): void {
  if (!link.ok) {
    if (link.reason === 'no-reference') return; // the schema reports the missing field
    if (link.reason === 'missing' && !/\.ya?ml$/i.test(rateCard.framework ?? '')) return; // the schema says it must name a YAML file
    const shown = rateCard.framework ?? '';
    if (link.reason === 'outside' && !workspace.contains(rateCard.file)) {
      // The rate card itself lies outside the workspace, so no framework can be trusted for it.
      report({ ruleId: 'framework-not-found', message: `This rate card is outside the workspace folder (${workspace.root}), so its framework \`${shown}\` cannot be read: references never leave the workspace. Check it from inside its project folder, or set the workspace folder (the linter's --root).`, span: spanOf(rateCard, ['framework']) });
      return;
    }
    const messages = {
      missing: `The framework file \`${shown}\` does not exist (looked for ${link.file ? path.relative(workspace.root, link.file) || link.file : shown}). The path is relative to this rate card.`,
      outside: `The framework \`${shown}\` is outside the workspace. A rate card may only refer to a framework inside the workspace folder.`,
      'not-framework': `\`${shown}\` is not an outcome framework (it has no \`kind: OutcomeFramework\`).`,
      unreadable: `The framework file \`${shown}\` cannot be read.`,
    } as const;
    report({ ruleId: 'framework-not-found', message: messages[link.reason], span: spanOf(rateCard, ['framework']) });
    return;
  }
  if (framework && rateCard.currency && framework.currency && rateCard.currency !== framework.currency) {
    report({ ruleId: 'currency-mismatch', message: `This rate card is in ${rateCard.currency} but its framework \`${framework.id ?? ''}\` is in ${framework.currency}. Use the framework's currency.`, span: spanOf(rateCard, ['currency']), related: [related(framework, ['currency'], `the framework's currency, ${framework.currency}`)] });
  }
}
