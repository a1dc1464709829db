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
  byLine: { index: number; outcome: string; cohorts: string[]; claims: number | 'unlimited'; per?: 'week' | 'month' | 'quarter'; price: number | null; maxPerParticipant: number | null; expected: number | null; share: number | null }[];
  byYear: Record<string, number>;
  blockedBy: { uri: string; line: number; message: string }[];
  /** Which caps cut a figure: `perParticipant.<cohort>`, `perPayer.<payer>.<figure>`, `total.<figure>`. */
  capsApplied: string[];
  /** Figures that cannot be estimated, with why (`deadweight: 'no baselines'`). */
  notEstimated: Record<string, string>;
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
}
