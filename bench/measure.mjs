// Timing helpers for the benchmark: medians after warm-up, so one slow GC does not decide.
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median milliseconds of `runs` calls of `fn`, after `warmup` untimed calls. */
export function timeSync(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function timeAsync(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return median(times);
}

/**
 * The totals alone against the totals then the value figures on a fresh copy of the card,
 * interleaved so that a burst of load on a shared machine hits both sides alike; 5 warm-up runs.
 * Medians: the totals alone, the totals with the value figures, and the value part (the lens after
 * an edit). The value figures build their by-outcome breakdown when it is first read (only the
 * reports read it): a second run of the same kind times the value figures with it read, as a
 * report does (`reportTotals`, `withReport`, `report`), apart so that its work does not weigh on the first.
 */
export function timeTotalsWithValue(core, afresh, framework, runs, { warmup = 5 } = {}) {
  const first = interleaved(core, afresh, framework, runs, warmup, (value) => value);
  const report = interleaved(core, afresh, framework, runs, warmup, (value) => {
    if (Object.keys(value.byOutcome).length === 0) throw new Error('the value figures have no outcomes');
  });
  return { totals: first.totals, withValue: first.withValue, lens: first.part, paired: first.paired, ratio: first.ratio, reportTotals: report.totals, withReport: report.withValue, report: report.part, reportPaired: report.paired, reportRatio: report.ratio };
}

/**
 * The ratio is 1 + the value part ÷ the totals (medians; the totals from both copies), as the
 * investor's row reads it (timeTotalsWithInvestor): the median of totals-then-value ÷ the median
 * of totals alone timed the same totals twice, and a collection in either moved it more than the
 * whole value part (a full bench read 1.85× where the value part was 1.63 ms on 6.72 ms of totals).
 */
function interleaved(core, afresh, framework, runs, warmup, read) {
  const totalsAlone = [];
  const totals = [];
  const withValue = [];
  const valuePart = [];
  for (let i = 0; i < runs + warmup; i++) {
    let card = afresh();
    let start = performance.now();
    core.computeTotals(card, framework);
    const alone = performance.now() - start;
    card = afresh();
    start = performance.now();
    core.computeTotals(card, framework);
    const totalsDone = performance.now();
    read(core.computeValue(card, framework));
    const end = performance.now();
    if (i < warmup) continue;
    totalsAlone.push(alone);
    totals.push(alone, totalsDone - start);
    withValue.push(end - start);
    valuePart.push(end - totalsDone);
  }
  // Also the median of each run's own ratio: the two halves of a run see the same load, so on a
  // shared machine this moves far less from run to run than the ratio of the two medians.
  const paired = median(withValue.map((w, i) => w / totalsAlone[i]));
  const part = median(valuePart);
  return { totals: median(totalsAlone), withValue: median(withValue), part, paired, ratio: 1 + part / median(totals) };
}

/**
 * What the investor's figures add to the totals (bench row 7c): each run times the totals of a
 * fresh copy of the card alone, then the totals and the investor's figures of another fresh copy
 * with an investment, the investor's part on its own clock; interleaved, so that load on a
 * shared machine hits both alike. The ratio is 1 + the investor part ÷ the totals (medians; the
 * totals from both copies, 2 × runs samples). Dividing the median of totals-then-investor by the
 * median of totals alone, as the row did before, timed the same totals twice: a garbage
 * collection in either moved the ratio by more than the whole investor part.
 */
export function timeTotalsWithInvestor(core, afresh, invested, framework, { runs = 21, warmup = 5 } = {}) {
  const totals = [];
  const totalsAlone = [];
  const investor = [];
  const withInvestor = [];
  for (let i = 0; i < runs + warmup; i++) {
    let start = performance.now();
    core.computeTotals(afresh(), framework);
    const alone = performance.now() - start;
    const card = invested();
    start = performance.now();
    core.computeTotals(card, framework);
    const totalsDone = performance.now();
    core.investorFigures(card, framework);
    const end = performance.now();
    if (i < warmup) continue;
    totals.push(alone, totalsDone - start);
    totalsAlone.push(alone);
    investor.push(end - totalsDone);
    withInvestor.push(end - start);
  }
  const result = { investor: median(investor), totals: median(totals), totalsAlone: median(totalsAlone), withInvestor: median(withInvestor) };
  return { ...result, ratio: 1 + result.investor / result.totals };
}

export const ms = (value) => (value == null ? 'n/a' : value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`);
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
export const x = (value) => (value == null ? 'n/a' : `${value.toFixed(value < 0.1 ? 3 : 2)}×`);

/** Prints rows of cells as a Markdown table, so the output can be pasted into docs/performance.md. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => '| ' + row.map((cell, i) => cell.padEnd(widths[i])).join(' | ') + ' |';
  return [line(all[0]), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...all.slice(1).map(line)].join('\n');
}
