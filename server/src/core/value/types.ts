/** The shapes of the value figures (docs/value.md). Amounts in minor units; null: not estimated (see `notEstimated`). */

export interface ValueOptions {
  /** The discount rate for the net present value, in percent a year (the Green Book's 3.5 by default). */
  discountRate?: number;
}

export interface BodyValue {
  /** Expected fiscal savings to this body. */
  savings: number | null;
  /** Its expected outcome payments (0 for a body that pays for no outcome). */
  pays: number | null;
  /** savings − pays. */
  net: number | null;
}

export interface ValueFigures {
  currency: string;
  digits: number;
  /** Whether the framework gives any outcome a value. */
  hasValues: boolean;
  /** Expected fiscal savings: only what the programme adds (above the baselines). */
  savings: number | null;
  economic: number | null;
  social: number | null;
  /** (fiscal + economic + social) ÷ expected payments, 4 decimals. */
  benefitCostRatio: number | null;
  byBody: Record<string, BodyValue>;
  /**
   * Savings and payments by outcome; paymentToSavings is price ÷ value of one claim. Built when
   * first read (only the reports read it), the same for every reader: docs/performance.md.
   */
  byOutcome: Record<string, { savings: number | null; payments: number | null; paymentToSavings: number | null }>;
  byCohort: Record<string, { savings: number | null; payments: number | null }>;
  byYear: Record<string, { savings: number | null; payments: number | null }>;
  /** Expected payments ÷ expected fiscal savings, 4 decimals. */
  paymentToSavings: number | null;
  costPerParticipant: number | null;
  costPerOutcome: number | null;
  /** Net present value of savings less payments, by year, at `discountRate`. */
  npv: number | null;
  /** Percent a year. */
  discountRate: number;
  /** Figure key → why it is not estimated (`savings`, `byYear`, `byOutcome.<id>.paymentToSavings`…); a key covers those under it. */
  notEstimated: Record<string, string>;
  /** Figures that are upper bounds, with why ("no baseline for …"). */
  atMost: Record<string, string>;
  /** Figures that are lower bounds, with why (paid outcomes without a value: savings understated). */
  atLeast: Record<string, string>;
  /** Figures that are neither bound, both reasons applying at once (shown as "about"), with why. */
  about: Record<string, string>;
}
