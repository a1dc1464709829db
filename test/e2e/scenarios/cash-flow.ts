/**
 * The investor's cash flow in a real editor: on the pan-London edge-of-care sample the payment
 * preview draws the cumulative balance by quarter, with the peak funding need and the capital
 * committed marked, every quarter as `outcomes-lint totals --format json` gives it in its
 * `investor` section; the what-if at participants × 2 moves the chart to the CLI's
 * `--participants 2` figures.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cli, expect, open, waitFor, type Scenario } from './harness';
import { EXTENSION_ID, previewCommand, previewState } from './preview';

interface Quarter { period: string; costs: string; payments: string; balance: string }
interface Investor { committed: string | null; peakFunding: string | null; moneyMultiple: number | null; irr: number | null; cashFlow: Quarter[] }

/** "-£229,862.52" → "-229862.52": a preview amount as the CLI's decimal string. */
const decimal = (shown: string) => shown.replace(/[£,]/g, '');
/** "229862.52" → "£229,862.52": a CLI amount as the preview words it. */
const money = (d: string) => {
  const negative = d.startsWith('-');
  const [whole, fraction] = d.replace(/^-/, '').split('.');
  return `${negative ? '-' : ''}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
};

const AMOUNT = '(-?£[\\d,]+(?:\\.\\d+)?)';
const BAR = new RegExp(`<rect([^>]*)><title>Quarter from (\\d{4}-\\d{2}-\\d{2}): costs ${AMOUNT}, payments ${AMOUNT}, balance ${AMOUNT}</title></rect>`, 'g');

/** The cash-flow charts in the preview's HTML, in order (the plain one, then the what-if's): their bars, peak and committed labels. */
export function cashFlowCharts(html: string) {
  return [...html.matchAll(/<svg[^>]*class="chart cash-flow-chart"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => {
    const svg = m[1];
    const bars = [...svg.matchAll(BAR)].map((b) => ({ peak: /class="peak"/.test(b[1]), period: b[2], costs: decimal(b[3]), payments: decimal(b[4]), balance: decimal(b[5]) }));
    return {
      bars,
      peakLabel: /<text[^>]*>peak ([^<]*)<\/text>/.exec(svg)?.[1],
      committedLabel: /<text[^>]*>capital committed ([^<]*)<\/text>/.exec(svg)?.[1],
      committedLine: /<line[^>]*class="committed"/.test(svg),
    };
  });
}

/** What differs between a chart and the CLI's investor section (empty when they agree). */
function disagreements(chart: ReturnType<typeof cashFlowCharts>[number] | undefined, investor: Investor): string[] {
  if (!chart) return ['no cash-flow chart'];
  const out: string[] = [];
  if (chart.bars.length !== investor.cashFlow.length) out.push(`${chart.bars.length} bars for the CLI's ${investor.cashFlow.length} quarters`);
  investor.cashFlow.forEach((q, i) => {
    const bar = chart.bars[i];
    if (bar && (bar.period !== q.period || bar.costs !== q.costs || bar.payments !== q.payments || bar.balance !== q.balance)) {
      out.push(`quarter ${i}: chart ${JSON.stringify(bar)}, CLI ${JSON.stringify(q)}`);
    }
  });
  const deepest = chart.bars.findIndex((b) => b.peak);
  if (investor.peakFunding !== null) {
    if (chart.peakLabel !== money(investor.peakFunding)) out.push(`peak labelled ${chart.peakLabel}, CLI peakFunding ${investor.peakFunding}`);
    if (deepest < 0 || chart.bars[deepest].balance !== `-${investor.peakFunding}`) out.push(`the bar marked as the peak is ${JSON.stringify(chart.bars[deepest])}, not the balance -${investor.peakFunding}`);
  }
  if (investor.committed !== null && (!chart.committedLine || chart.committedLabel !== money(investor.committed))) out.push(`capital committed ${chart.committedLabel ?? 'not marked'}, CLI ${investor.committed}`);
  return out;
}

export const cashFlow: Scenario = {
  name: "cash-flow: the preview charts the investor's balance by quarter as the CLI computes it, moved by the what-if",
  async run(ctx) {
    const root = ctx.fresh();
    const card = path.join(root, 'pan-london-edge-of-care', 'pan-london-edge-of-care.ratecard.yaml');
    const investorOf = (args: string[]): Investor => {
      const run = cli(ctx, ['totals', path.relative(root, card), '--format', 'json', ...args], root);
      expect(run.status === 0, `outcomes-lint totals ${args.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
      const parsed = JSON.parse(run.stdout);
      const investor = (Array.isArray(parsed) ? parsed[0] : parsed).investor as Investor | null;
      expect(investor?.cashFlow?.length, `the CLI gives no investor cash flow for ${path.basename(card)}`);
      return investor;
    };
    const now = investorOf([]);
    const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { setPreviewWhatIf?: (a: string, p: string) => Promise<void> } | undefined;
    expect(api?.setPreviewWhatIf, 'the extension offers no setPreviewWhatIf()');
    await open(card);
    await vscode.commands.executeCommand(previewCommand());
    // The what-if at × 1 (an earlier scenario may have left it elsewhere): its chart is the plain one, so a move later is the what-if's doing.
    await api.setPreviewWhatIf('1', '1');
    const uri = vscode.Uri.file(card).toString();
    const html = () => {
      const state = previewState();
      return state?.open && state.uri === uri && state.rendered >= state.updates ? state.html ?? '' : '';
    };
    let seen: string[] = [];
    const shown = await waitFor("the preview's cash-flow chart, and the what-if's at × 1, to agree with the CLI's investor section", () => {
      const charts = cashFlowCharts(html());
      seen = charts.length < 2 ? [`${charts.length} cash-flow charts, not the plain one and the what-if's`] : [...disagreements(charts[0], now), ...disagreements(charts[1], now).map((d) => `what-if × 1: ${d}`)];
      return seen.length === 0 ? true : undefined;
    }, 15000, () => seen.slice(0, 4).join('; '));
    expect(html().includes(`×${now.moneyMultiple?.toFixed(4)}`), `the preview does not show the CLI's money multiple ×${now.moneyMultiple}`);
    if (now.irr !== null) expect(html().includes(`${(now.irr * 100).toFixed(2)}% a year`), `the preview does not show the CLI's IRR ${now.irr}`);
    ctx.saw(`the preview drew ${now.cashFlow.length} quarters (${now.cashFlow[0].period} to ${now.cashFlow.at(-1)!.period}), each balance the CLI's (and the what-if's at × 1 the same), the peak marked at -${money(now.peakFunding ?? '0')} and capital committed at ${money(now.committed ?? '0')}, multiple ×${now.moneyMultiple}, IRR ${now.irr}, after ${shown.ms} ms`);

    const doubled = investorOf(['--participants', '2']);
    expect(doubled.peakFunding !== now.peakFunding, 'participants × 2 does not change the CLI\'s peak funding need: the what-if would prove nothing here');
    await api.setPreviewWhatIf('1', '2');
    const moved = await waitFor(`the what-if's cash-flow chart to move to the CLI's --participants 2 figures (peak ${doubled.peakFunding})`, () => {
      const charts = cashFlowCharts(html());
      seen = charts.length < 2 ? ['no cash-flow chart under the what-if'] : disagreements(charts[1], doubled);
      return seen.length === 0 ? true : undefined;
    }, 15000, () => seen.slice(0, 4).join('; '));
    ctx.saw(`participants × 2 moved the what-if's chart to the CLI's --participants 2 cash flow: peak ${money(now.peakFunding ?? '0')} → ${money(doubled.peakFunding ?? '0')}, multiple ×${now.moneyMultiple} → ×${doubled.moneyMultiple}, after ${moved.ms} ms`);
  },
};
