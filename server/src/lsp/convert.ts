/** Conversions between the core's plain data (paths, offsets) and the protocol's (URIs, positions). */
import type { Range } from 'vscode-languageserver';
import type { ParsedYaml } from '../core/document';
import type { Span } from '../core/ranges';
import { UriSpellings } from '../protocol/uri';

/** The client's spelling of every file URI it sent (see protocol/uri.ts). */
const spellings = new UriSpellings();

/** In a browser, where every file is a URI of some scheme (see protocol/uri.ts). */
export function acceptEverySchemeOfUri(): void {
  spellings.anyScheme = true;
}

/** The file a URI from the client names (undefined for `untitled:` and, in Node, other schemes). */
export function uriToPath(uri: string): string | undefined {
  return spellings.fileOf(uri);
}

/** The URI the client knows a file by: its own spelling when it sent one, else VS Code's. */
export function pathToUri(file: string): string {
  return spellings.uriOf(file);
}

export function spanToRange(parsed: ParsedYaml, span: Span): Range {
  return parsed.lines.rangeOf(span);
}

/** Whether a file name is one of ours by convention (content is checked by `kind:` later). */
export function isOurFileName(file: string): boolean {
  return /\.(framework|ratecard|actuals)\.ya?ml$|\.actuals\.csv$/i.test(file);
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** The inner span of a scalar: without the quotes, so a rename keeps the analyst's quoting. */
export function innerSpan(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && text[span.end - 1] === first) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
