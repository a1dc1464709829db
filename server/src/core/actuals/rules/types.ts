/** The contract between the actuals checks and their rules: one rule per module, `meta` beside `check`. */
import type { RelatedLocation, Severity } from '../../findings';
import type { Span } from '../../ranges';
import type { RuleMeta } from '../../rules/types';
import type { Contract, ReadRow } from '../contract';
import type { PlanAgainstActual } from '../plan';
import type { ActualsFile } from '../read';

export interface ActualsRuleContext {
  actuals: ActualsFile;
  contract: Contract;
  /** The rows that read, in the contract's terms, in period order. */
  rows: ReadRow[];
  /** Plan against actual (computed once, when a rule asks). */
  plan(): PlanAgainstActual;
  thresholds: Record<string, number>;
  /** An amount in the card's currency: "£1,500.00". */
  money(minor: number): string;
  report(report: { span: Span; message: string; related?: RelatedLocation[]; severity?: Severity }): void;
}

export interface ActualsRule {
  meta: RuleMeta;
  check(context: ActualsRuleContext): void;
}
