/** Findings to diagnostics: rule id as `code`, a link to its docs, related places, mapped severity. */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ParsedYaml } from '../core/document';
import type { Finding, Severity } from '../core/findings';
import { ruleDocsUri } from './lint-source';
import type { Session } from './session';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `others`: the parses of other files already looked up for this file's findings (a check of a
 * finding-heavy file names the same few files in hundreds of related places).
 */
export function toDiagnostic(finding: Finding, parsed: ParsedYaml, session: Session, others?: Map<string, ParsedYaml | undefined>): Diagnostic {
  const diagnostic: Diagnostic = {
    range: parsed.lines.rangeOf(finding.span),
    severity: severities[finding.severity],
    code: finding.ruleId,
    source: 'outcomes-lint',
    message: finding.message,
  };
  diagnostic.codeDescription = { href: ruleDocsUri(finding.ruleId) };
  if (finding.related?.length) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const place of finding.related) {
      let other: ParsedYaml | undefined = parsed;
      if (place.file !== finding.file) {
        if (others?.has(place.file)) other = others.get(place.file);
        else others?.set(place.file, (other = session.analyze(place.file)?.parsed));
      }
      if (!other) continue;
      related.push({ location: { uri: session.uriOf(place.file), range: other.lines.rangeOf(place.span) }, message: place.message });
    }
    if (related.length) diagnostic.relatedInformation = related;
  }
  return diagnostic;
}
