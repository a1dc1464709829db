/**
 * The preview's what-if (`outcomes/whatIf`): a rate card's wholes with every achievement share
 * or participant count scaled, where caps.total starts to bind, and which outcomes' achievement
 * moves the expected payments most. The figures come from the core (core/what-if.ts).
 */
import { formatMoney } from '../core/totals';
import { achievementSensitivity, capBindsAt, capBindsText, isScale, whatIfAnalysis, type WhatIf } from '../core/what-if';
import { computeValue, outcomeValues, type ValueOptions } from '../core/value';
import { valueView } from './value';
import { investorView } from './investor';
import { investorFigures } from '../core/investor';
import type { WhatIfParams, WhatIfView } from '../protocol';
import type { Session } from './session';
import { totalsFor } from './totals';
import { boundOf } from '../core/totals/report';


/** The preview tries at most this many outcomes (each is a computation of the totals), so large cards stay quick. */
export const SENSITIVITY_LIMIT = 30;

export function whatIfResponse(session: Session, file: string, params: WhatIfParams, valueOptions: ValueOptions = {}): WhatIfView | null {
  const found = totalsFor(session, file);
  if (!found) return null;
  const whatIf: WhatIf = {};
  // A scale the analyst is still typing ("1.", "") counts as no change rather than an error.
  if (params.achievement !== undefined && isScale(params.achievement)) whatIf.achievement = params.achievement.trim();
  if (params.participants !== undefined && isScale(params.participants)) whatIf.participants = params.participants.trim();
  const framework = session.frameworkOf(found.rateCard)?.framework;
  const analysis = whatIfAnalysis(found.rateCard, framework, whatIf);
  const totals = analysis.totals;
  // A figure that is only an upper bound says "at most"; one that cannot be estimated says why.
  const money = (minor: number | null, none: string, key?: string) =>
    minor === null ? (key && totals.blocked?.includes(key) ? 'cannot be computed' : key && totals.notEstimated?.[key] ? `not estimated — ${totals.notEstimated[key]}` : none) : `${key && boundOf(totals, key) ? 'at most ' : ''}${formatMoney(minor, totals.currency, totals.digits)}`;
  const tried = achievementSensitivity(found.rateCard, framework, whatIf, SENSITIVITY_LIMIT);
  const sensitivity = tried.filter((s) => s.moves !== 0);
  const projected = new Set(found.rateCard.projection.flatMap((p) => Object.keys(p.achievement))).size;
  const largest = Math.max(1, ...sensitivity.map((s) => Math.abs(s.moves)));
  const names: Record<string, string> = {};
  for (const o of framework?.outcomes ?? []) if (o.id && typeof o.value.title === 'string') names[o.id] = o.value.title;
  return {
    achievement: whatIf.achievement ?? '1',
    participants: whatIf.participants ?? '1',
    rows: [
      { figure: 'Maximum liability', value: money(totals.maximumLiability, 'unbounded', 'maximumLiability') },
      { figure: 'Expected payments', value: money(totals.expected, 'not projected', 'expected') },
      { figure: 'Deadweight', value: money(totals.deadweight, 'not projected', 'deadweight') },
    ],
    capBinds: capBindsText(capBindsAt(found.rateCard, framework, { participants: whatIf.participants })),
    tried: tried.length,
    outcomes: projected,
    // Savings against payments by body, moved by the what-if as the payments are.
    value: analysis.framework && outcomeValues(analysis.framework).size ? valueView(computeValue(analysis.rateCard, analysis.framework, valueOptions), analysis.framework) : null,
    // The investor's cash flow, moved by the what-if too.
    investor: investorView(investorFigures(found.rateCard, framework, whatIf), totals.currency, totals.digits),
    sensitivity: sensitivity.map((s) => ({ outcome: s.outcome, name: names[s.outcome], expected: money(s.expected, 'not projected', `byOutcome.${s.outcome}`), moves: `${s.moves > 0 ? '+' : '-'}${formatMoney(Math.abs(s.moves), totals.currency, totals.digits)}`, fraction: Math.abs(s.moves) / largest })),
  };
}
