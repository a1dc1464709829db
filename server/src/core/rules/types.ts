/**
 * The contract between the rule engine, the rules, the configuration and the doors (CLI, LSP).
 * One rule per module under rules/: its `meta` beside its `check`, as ESLint's rules are.
 */
import type { Path } from '../document';
import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import type { FrameworkModel, RateCardModel } from '../model';

export type RuleSeverity = Severity | 'off';

export interface ThresholdMeta {
  /** The default value, used when the configuration does not set it. */
  default: number;
  description: string;
  /** JSON Schema for the value (minimum, maximum, type). */
  schema: Record<string, unknown>;
}

export interface RuleMeta {
  /** The public id of rules.md: never changes once shipped. */
  id: string;
  defaultSeverity: Severity;
  /** One line, in an analyst's words. */
  summary: string;
  /** Link to the rule's documentation (docs/rules/<id>.md). */
  docs: string;
  thresholds: Record<string, ThresholdMeta>;
  /** Whether findings of this rule may carry a fix. */
  fixable: boolean;
  /** Whether that fix changes a contract term (so `--fix` leaves it unless `--fix-type term`). */
  fixChangesTerm?: boolean;
}

/** The effective settings of one rule for one file, after configuration. */
export interface RuleSetting {
  severity: RuleSeverity;
  thresholds: Record<string, number>;
}

export type RuleSettings = Record<string, RuleSetting>;

export interface RuleReport {
  /** Which document the finding is in: the framework or one of the rate cards. */
  model: FrameworkModel | RateCardModel;
  /** The node a person would change. */
  path: Path;
  /** Underline the key rather than the value. */
  onKey?: boolean;
  message: string;
  related?: RelatedLocation[];
  /**
   * The edit that mends it. A function is called only when someone reads the finding's fix
   * (the editor's quick fix, --fix, the JSON output), so big files with many findings stay fast.
   */
  fix?: Fix | (() => Fix | undefined);
  /** Overrides the rule's severity for this finding (accommodation makes repeatable entry an error). */
  severity?: Severity;
}

export type { Finding };

/** What a rule's check is given: the shared facts, its thresholds (defaults filled in), and where to report. */
export interface RuleCheckContext {
  facts: import('./facts').RuleFacts;
  thresholds: Record<string, number>;
  report(report: RuleReport): void;
}

/** One rule module: its metadata beside its check. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleCheckContext): void;
}
