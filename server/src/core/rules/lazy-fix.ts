/** Findings whose fix is made only when asked for: the rules' runner and the kept results both build them. */
import type { Finding, Fix, Severity } from '../findings';

/**
 * A finding whose fix is computed the first time it is read (an own, enumerable property, so
 * spreading or serialising the finding still carries it); a fix that cannot be made reads as none.
 * Built as one object literal: spreading a finding into a second object cost more on big files.
 */
export function withLazyFix(ruleId: string, severity: Severity, message: string, file: string, span: Finding['span'], related: Finding['related'], make: () => Fix | undefined): Finding {
  let made: { fix: Fix | undefined } | undefined;
  if (related) {
    return {
      ruleId,
      severity,
      message,
      file,
      span,
      related,
      get fix() {
        made ??= { fix: make() };
        return made.fix;
      },
      set fix(value: Fix | undefined) {
        made = { fix: value };
      },
    };
  }
  return {
    ruleId,
    severity,
    message,
    file,
    span,
    get fix() {
      made ??= { fix: make() };
      return made.fix;
    },
    set fix(value: Fix | undefined) {
      made = { fix: value };
    },
  };
}
