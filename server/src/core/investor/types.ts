/** The shape of the investor's figures (types only, shared by the modules of core/investor). */
import type { QuarterFlow } from './cash-flow';

export interface InvestorFigures {
  /** Capital committed (minor units); null when the investment does not say. */
  committed: number | null;
  /** Delivery costs and fees in all. */
  costs: number | null;
  /** Outcome payments the investors receive (paid by the last payment date). */
  payments: number | null;
  /** The deepest cumulative balance, as a positive amount. */
  peakFunding: number | null;
  /** How far the peak funding need exceeds the capital committed (0 when within it). */
  fundingGap: number | null;
  /** payments ÷ costs, 4 decimals. */
  moneyMultiple: number | null;
  /** The annual IRR of the quarterly flows, 4 decimals. */
  irr: number | null;
  /** The --achievement scale at which payments first cover the costs, 4 decimals (rounded up). */
  breakEvenAchievement: number | null;
  cashFlow: QuarterFlow[];
  /** What outcomes would pay after the last payment date, which the contract never pays. */
  notPaidAfterLastPaymentDate: number | null;
  /** Why a figure is null: `{ irr: 'nothing comes back to the investors' }`. */
  notEstimated: Record<string, string>;
  /** Why nothing could be computed (the contract's dates, the costs, the projection), when so. */
  missing?: string;
}

