/**
 * The parts of a finding made only when asked for, its fix and its related places' spans: the
 * rules' runner and the kept results both build them.
 */
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

/**
 * A related place whose span is found the first time it is read: most findings are never shown in
 * full, and on big files finding every span costs more than the rest of the finding. The span is a
 * getter of the class, not an own property: every reader (diagnostics, fingerprints, the kept
 * results) reads it by name, and an object literal with a getter costs six times as much to make,
 * hundreds of times per check of a big file and for every related place on every edit.
 */
export class LazyPlace implements RelatedLocation {
  readonly file: string;
  readonly message: string;
  #span: Span | undefined;
  #find: (() => Span) | undefined;
  constructor(file: string, message: string, find: () => Span) {
    this.file = file;
    this.message = message;
    this.#find = find;
  }

  get span(): Span {
    if (this.#find) {
      this.#span = this.#find();
      this.#find = undefined;
    }
    return this.#span!;
  }

  set span(value: Span) {
    this.#find = undefined;
    this.#span = value;
  }
}
