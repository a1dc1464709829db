/**
 * The payment preview: one webview beside the rate card, kept live. It asks the server for
 * totals when the server says they changed and when either file is edited; it never computes
 * a figure itself.
 */
import * as vscode from 'vscode';
import { sameUri, type TotalsView, type WhatIfView } from '../../../server/src/protocol';
import { emptyState, renderHead, renderPage, renderPlanActual, renderTotals, renderWhatIf } from './render';

export interface PreviewState {
  open: boolean;
  uri?: string;
  /** The last content shown, as HTML. */
  html?: string;
  /** How many times the content was updated. */
  updates: number;
  /** Whether the webview reported drawing the latest update. */
  rendered: number;
  /** The totals behind the content. */
  totals?: TotalsView | null;
  /** The what-if asked for in the preview's control, and the server's answer. */
  whatIf?: { achievement: string; participants: string; view?: WhatIfView | null };
}

export class PaymentPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private state: PreviewState = { open: false, updates: 0, rendered: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts refreshes begun: one that ends after a newer one began is stale and draws nothing. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly getTotals: (uri: string) => Promise<TotalsView | null>,
    private readonly exportCsv: (uri: vscode.Uri) => Promise<void>,
    private readonly getWhatIf?: (uri: string, whatIf: { achievement: string; participants: string }) => Promise<WhatIfView | null>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        // Either file may move the figures; the server's own notice usually arrives first.
        if (this.uri && event.document.languageId === 'yaml' && event.contentChanges.length) this.scheduleRefresh(300);
      }),
    );
  }

  get current(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  snapshot(): PreviewState {
    return { ...this.state, open: !!this.panel, uri: this.panel ? this.uri?.toString() : undefined };
  }

  async show(uri: vscode.Uri, preserveFocus = false): Promise<void> {
    this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('outcomeFrameworks.preview', 'Payment preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false });
      const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
      this.panel.webview.html = renderPage(emptyState('Computing the totals…'), nonce, this.panel.webview.cspSource);
      this.panel.webview.onDidReceiveMessage((message) => {
        if (message?.type === 'exportCsv' && this.uri) void this.exportCsv(this.uri);
        if (message?.type === 'rendered') this.state.rendered = message.version;
        if (message?.type === 'ready') this.resend();
        if (message?.type === 'whatIf') void this.setWhatIf(String(message.achievement ?? '1'), String(message.participants ?? '1'));
      }, undefined, this.disposables);
      // A hidden webview loses its content (no retained context): draw it again when shown.
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible) void this.refresh();
      }, undefined, this.disposables);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = { open: false, updates: this.state.updates, rendered: this.state.rendered };
      }, undefined, this.disposables);
    } else if (!preserveFocus) this.panel.reveal(vscode.ViewColumn.Beside, preserveFocus);
    this.panel.title = `Payment preview: ${uri.path.split('/').pop()}`;
    await this.refresh();
  }

  /** The server re-checked these rate cards: refresh if one is shown. */
  totalsChanged(uris: string[]): void {
    const shown = this.uri?.toString();
    if (shown && uris.some((u) => sameUri(u, shown))) this.scheduleRefresh(0);
  }

  private scheduleRefresh(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    if (!this.panel || !this.uri) return;
    const uri = this.uri;
    // Without this, a refresh begun before a what-if (or an edit) could finish last and put back the old figures.
    const generation = ++this.generation;
    const current = () => !!this.panel && this.uri === uri && generation === this.generation;
    let totals: TotalsView | null = null;
    try {
      totals = await this.getTotals(uri.toString());
    } catch {
      totals = null;
    }
    if (!current()) return; // moved on while waiting
    // The what-if is computed once asked for (it recomputes the totals many times over).
    let whatIf: WhatIfView | null | undefined;
    const asked = this.state.whatIf;
    if (totals && asked && this.getWhatIf) {
      try {
        whatIf = await this.getWhatIf(uri.toString(), { achievement: asked.achievement, participants: asked.participants });
      } catch {
        whatIf = null;
      }
      if (!current()) return;
      this.state.whatIf = { ...asked, view: whatIf };
    }
    const html = totals ? renderHead(totals.head) + renderTotals(totals) + renderPlanActual(totals.actuals) + renderWhatIf(whatIf, asked ?? { achievement: '1', participants: '1' }) : emptyState('This file is not a rate card, or it cannot be read yet. Open a rate card (kind: RateCard) to see its payments.');
    this.state.updates++;
    this.state.html = html;
    this.state.totals = totals;
    this.state.uri = uri.toString();
    void this.panel.webview.postMessage({ type: 'update', html, version: this.state.updates });
  }

  /** The preview's what-if control changed: show the figures under it. */
  async setWhatIf(achievement: string, participants: string): Promise<void> {
    this.state.whatIf = { achievement, participants };
    await this.refresh();
  }

  /** The webview (re)loaded: give it the latest content, or compute it. */
  private resend(): void {
    if (!this.panel) return;
    if (this.state.html !== undefined && this.state.uri === this.uri?.toString()) void this.panel.webview.postMessage({ type: 'update', html: this.state.html, version: this.state.updates });
    else void this.refresh();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
