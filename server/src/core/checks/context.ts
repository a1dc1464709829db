/** What the built-in checks of format.md see: one file, its model, and its linked framework. */
import type { Path } from '../document';
import type { Finding, RelatedLocation } from '../findings';
import type { FrameworkModel, RateCardModel } from '../model';
import type { Span } from '../ranges';
import type { FrameworkLink, Workspace } from '../workspace';

export interface FrameworkCheckContext {
  workspace: Workspace;
  framework: FrameworkModel;
  report(finding: Omit<Finding, 'file' | 'severity'> & { severity?: Finding['severity'] }): void;
}

export interface RateCardCheckContext {
  workspace: Workspace;
  rateCard: RateCardModel;
  link: FrameworkLink;
  /** The linked framework, when it could be loaded. */
  framework?: FrameworkModel;
  report(finding: Omit<Finding, 'file' | 'severity'> & { severity?: Finding['severity'] }): void;
}

export function related(model: FrameworkModel | RateCardModel, path: Path, message: string, preferKey = false): RelatedLocation {
  return { file: model.file, span: model.parsed.spanOf(path, preferKey), message };
}

export function spanOf(model: FrameworkModel | RateCardModel, path: Path, preferKey = false): Span {
  return model.parsed.spanOf(path, preferKey);
}
