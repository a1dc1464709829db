/** The shape of the server's `outcomes/totals` answer, as the client reads it (see server/src/lsp/totals.ts). */
export interface TotalsView {
  uri: string;
  rateCard: string;
  currency: string;
  digits: number;
  maxPerParticipant: Record<string, number | null>;
  maximumLiability: number | null;
  expected: number | null;
  deadweight: number | null;
  byCohort: Record<string, { participants: number | null; maxPerParticipant: number | null; maximumLiability: number | null; expected: number | null; deadweight: number | null }>;
  byPayer: Record<string, { maximumLiability: number | null; expected: number | null; deadweight: number | null }>;
  byOutcome: Record<string, { expected: number | null; share: number | null }>;
  byLine: { index: number; outcome: string; cohorts: string[]; claims: number | 'unlimited'; maxPerParticipant: number | null; expected: number | null; share: number | null }[];
  byYear: Record<string, number>;
  blockedBy: { uri: string; line: number; message: string }[];
  formatted: {
    maxPerParticipant: Record<string, string>;
    maximumLiability: string;
    expected: string;
    deadweight: string;
    byCohort: Record<string, { maxPerParticipant: string; maximumLiability: string; expected: string; deadweight: string }>;
    byPayer: Record<string, { maximumLiability: string; expected: string; deadweight: string }>;
    byOutcome: Record<string, { expected: string; share: string | null }>;
    byYear: Record<string, string>;
  };
  names: { payers: Record<string, string>; outcomes: Record<string, string>; cohorts: Record<string, string> };
  /** The same rate card at git's HEAD beside now (null outside a repository or an untrusted workspace). */
  head?: HeadView | null;
}

/** HEAD and now, side by side (see server/src/lsp/head-delta.ts). */
export interface HeadView {
  commit: string;
  status: 'added' | 'changed' | 'same';
  changedFiles: string[];
  rows: { figure: string; head: string; now: string; change: string }[];
}

/** The `outcomes/whatIf` answer (see server/src/lsp/what-if.ts). */
export interface WhatIfView {
  achievement: string;
  participants: string;
  rows: { figure: string; value: string }[];
  capBinds: string;
  sensitivity: { outcome: string; name?: string; expected: string; moves: string; fraction: number }[];
  /** Outcomes tried (those with the largest expected payments), of how many projected. */
  tried: number;
  outcomes: number;
}
