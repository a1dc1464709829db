/** The investor's case (docs/value.md, "The investor's case") as the preview shows it: formatted, with minor units for the chart. */

export interface InvestorView {
  /** Capital committed, costs, payments, peak funding need, funding gap, multiple, IRR, break-even: each formatted, or why not. */
  summary: { figure: string; value: string }[];
  /** The cash flow by quarter: formatted, and the balance in minor units for the chart. */
  quarters: { period: string; costs: string; payments: string; balance: string; balanceMinor: number }[];
  /** The deepest balance as a positive amount (minor units), and capital committed; null when not known. */
  peakFunding: number | null;
  committed: number | null;
  peakText: string;
  committedText: string;
  /** Why nothing could be computed (missing costs or contract dates), when so. */
  missing?: string;
}
