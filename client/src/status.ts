/** The status bar item: the active rate card's expected payments; a click opens the preview. */
import * as vscode from 'vscode';
import { sameUri, type TotalsView } from '../../server/src/protocol';

export class TotalsStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('outcomeFrameworks.expected', vscode.StatusBarAlignment.Right, 100);
  private active: string | undefined;

  constructor(private readonly getTotals: (uri: string) => Promise<TotalsView | null>) {
    this.item.name = 'Outcome Frameworks: expected payments';
    this.item.command = 'outcomeFrameworks.showPreview';
  }

  get text(): string | undefined {
    return this.active ? this.item.text : undefined;
  }

  async update(editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor): Promise<void> {
    const document = editor?.document;
    if (!document || document.languageId !== 'yaml' || document.uri.scheme !== 'file') return this.hide();
    const uri = document.uri.toString();
    let totals: TotalsView | null = null;
    try {
      totals = await this.getTotals(uri);
    } catch {
      totals = null;
    }
    if (!sameUri(vscode.window.activeTextEditor?.document.uri.toString() ?? '', uri)) return; // the user moved on
    if (!totals) return this.hide();
    this.active = uri;
    this.item.text = `$(graph) Expected ${totals.formatted.expected}`;
    this.item.tooltip = `${totals.rateCard}: maximum liability ${totals.formatted.maximumLiability}, deadweight ${totals.formatted.deadweight}. Click for the payment preview.`;
    this.item.show();
  }

  /** The server re-checked these rate cards. */
  totalsChanged(uris: string[]): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    // The server may spell a URI otherwise than VS Code does: compare in one normal form.
    if (uri && uris.some((u) => sameUri(u, uri))) void this.update();
  }

  private hide(): void {
    this.active = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
