/** Findings whose fix is made only when asked for: the rules' runner and the kept results both build them. */
import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import type { Span } from '../ranges';

/**
 * A finding whose fix is computed the first time it is read; a fix that cannot be made reads as
 * none. The fix is a getter of the class, not an own property: an object literal with a getter
 * costs six times as much to make, hundreds of times per check of a big file. So a copy of the
 * finding must name its fix (`{ ...finding, fix: finding.fix }`), as analysis.ts's does.
 */
export function withLazyFix(ruleId: string, severity: Severity, message: string, file: string, span: Finding['span'], related: Finding['related'], make: () => Fix | undefined): Finding {
  return new LazyFixFinding(ruleId, severity, message, file, span, related, make);
}

class LazyFixFinding implements Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  // Declared only: a finding without related places has no such key, as before.
  declare related?: RelatedLocation[];
  #make: (() => Fix | undefined) | undefined;
  #fix: Fix | undefined;

  constructor(ruleId: string, severity: Severity, message: string, file: string, span: Span, related: RelatedLocation[] | undefined, make: () => Fix | undefined) {
    this.ruleId = ruleId;
    this.severity = severity;
    this.message = message;
    this.file = file;
    this.span = span;
    if (related) this.related = related;
    this.#make = make;
  }

  get fix(): Fix | undefined {
    if (this.#make) {
      this.#fix = this.#make();
      this.#make = undefined;
    }
    return this.#fix;
  }

  set fix(value: Fix | undefined) {
    this.#make = undefined;
    this.#fix = value;
  }
}
