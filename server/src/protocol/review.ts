/** The review requests: a rate card beside git's HEAD, and the preview's what-if. */

/** `{ uri, achievement?, participants? }` → WhatIfView | null. */
export const whatIfRequest = 'outcomes/whatIf';
/** Client → server `{ enabled }`: compare with git's HEAD from now on (the workspace became trusted), or stop. */
export const setGitBaseNotification = 'outcomes/setGitBase';

export interface WhatIfParams {
  uri: string;
  achievement?: string;
  participants?: string;
}

/** HEAD beside now for the preview: each whole at HEAD, now and the exact change. */
export interface HeadView {
  commit: string;
  status: 'added' | 'changed' | 'same';
  changedFiles: string[];
  rows: { figure: string; head: string; now: string; change: string }[];
}

/** The `outcomes/whatIf` answer. */
export interface WhatIfView {
  achievement: string;
  participants: string;
  /** Maximum liability, expected payments and deadweight under the what-if, formatted. */
  rows: { figure: string; value: string }[];
  capBinds: string;
  /** Outcomes that move expected payments, most first; `fraction` is of the largest movement, for the chart. */
  sensitivity: { outcome: string; name?: string; expected: string; moves: string; fraction: number }[];
  /** How many outcomes were tried (those with the largest expected payments), of how many projected. */
  tried: number;
  outcomes: number;
  /** Savings against payments by body under the what-if (docs/value.md); null without values. */
  value?: import('./value').ValueView | null;
  /** The investor's cash flow under the what-if; null without an investment. */
  investor?: import('./investor').InvestorView | null;
}
