/** The outline (payers, cohorts and outcomes of a framework; price lines and projections of a rate card) and workspace symbols. */
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import { pathToUri } from './convert';
import type { ParsedYaml, Path } from '../core/document';
import { toDecimalString } from '../core/money';
import type { Session } from './session';

function symbol(parsed: ParsedYaml, path: Path, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined {
  const location = parsed.locate(path);
  if (!location) return undefined;
  const start = location.key ? location.key.start : location.value.start;
  const range = parsed.lines.rangeOf({ start, end: Math.max(start, location.value.end) });
  const selection = parsed.lines.rangeOf(location.key ?? location.value);
  return { name: name || '(no id)', kind, detail, range, selectionRange: selection, children };
}

function group(parsed: ParsedYaml, key: string, kind: SymbolKind, children: (DocumentSymbol | undefined)[]): DocumentSymbol | undefined {
  const present = children.filter((c): c is DocumentSymbol => !!c);
  return symbol(parsed, [key], key, SymbolKind.Namespace, `${present.length}`, present) ?? undefined;
}

export function documentSymbols(session: Session, file: string): DocumentSymbol[] {
  const model = session.analyze(file)?.model;
  if (!model) return [];
  const parsed = model.parsed;
  const out: (DocumentSymbol | undefined)[] = [];
  if (model.kind === 'OutcomeFramework') {
    out.push(group(parsed, 'payers', SymbolKind.Namespace, model.payers.map((p) => symbol(parsed, p.path, p.id, SymbolKind.Constant, p.value.name))));
    out.push(group(parsed, 'cohorts', SymbolKind.Namespace, model.cohorts.map((c) => symbol(parsed, c.path, c.id, SymbolKind.Class, c.value.title))));
    out.push(group(parsed, 'outcomes', SymbolKind.Namespace, model.outcomes.map((o) => symbol(parsed, o.path, o.id, o.value.role === 'indicator' ? SymbolKind.Field : SymbolKind.Event, [o.value.stage, o.value.role].filter(Boolean).join(' · ')))));
  } else {
    const currency = model.currency ?? '';
    out.push(
      group(
        parsed,
        'prices',
        SymbolKind.Namespace,
        model.prices.map((line) => {
          const price = line.price === undefined ? '?' : `${currency} ${toDecimalString(line.price, model.digits)}`;
          const name = `${line.outcome ?? '(no outcome)'}${line.cohorts ? ` [${line.cohorts.join(', ')}]` : ''}`;
          return symbol(parsed, line.path, name, SymbolKind.Property, `${price} × ${line.maxClaims ?? '?'}`);
        }),
      ),
    );
    out.push(group(parsed, 'projection', SymbolKind.Namespace, model.projection.map((p) => symbol(parsed, p.path, p.cohort ?? '', SymbolKind.Class, p.participants === undefined ? undefined : `${p.participants} participants`))));
  }
  return out.filter((s): s is DocumentSymbol => !!s);
}

/** Outcomes, cohorts and payers of every known framework, for "go to symbol in workspace". */
export function workspaceSymbols(session: Session, query: string): WorkspaceSymbol[] {
  const wanted = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const file of session.knownFiles()) {
    const model = session.analyze(file)?.model;
    if (model?.kind !== 'OutcomeFramework') continue;
    const entries = [
      ...model.outcomes.map((e) => ({ e, kind: SymbolKind.Event, title: e.value.title })),
      ...model.cohorts.map((e) => ({ e, kind: SymbolKind.Class, title: e.value.title })),
      ...model.payers.map((e) => ({ e, kind: SymbolKind.Constant, title: e.value.name })),
    ];
    for (const { e, kind, title } of entries) {
      if (!e.id || (wanted && !e.id.toLowerCase().includes(wanted) && !String(title ?? '').toLowerCase().includes(wanted))) continue;
      const location = model.parsed.locate([...e.path, 'id']) ?? model.parsed.locate(e.path);
      if (!location) continue;
      out.push({ name: e.id, kind, containerName: model.id, location: { uri: pathToUri(file), range: model.parsed.lines.rangeOf(location.value) } });
      if (out.length >= 500) return out;
    }
  }
  return out;
}
