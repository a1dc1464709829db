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
 * timed as partAfterTotals times a part, after `warmup` runs (5 unless said).
 * Medians: the totals alone, the totals with the value figures, and the value part (the lens after
 * an edit). The value figures build their by-outcome breakdown when it is first read (only the
 * reports read it): a second run of the same kind times the value figures with it read, as a
 * report does (`reportTotals`, `withReport`, `report`), apart so that its work does not weigh on the first.
 */
export function timeTotalsWithValue(core, afresh, framework, runs, { warmup = 5 } = {}) {
  const value = (card) => core.computeValue(card, framework);
  const first = partAfterTotals(core, afresh, afresh, framework, value, { runs, warmup });
  const report = partAfterTotals(core, afresh, afresh, framework, (card) => {
    if (Object.keys(value(card).byOutcome).length === 0) throw new Error('the value figures have no outcomes');
  }, { runs, warmup });
  return { totals: first.totalsAlone, withValue: first.withPart, lens: first.part, paired: first.paired, ratio: first.ratio, reportTotals: report.totalsAlone, withReport: report.withPart, report: report.part, reportPaired: report.paired, reportRatio: report.ratio };
}

/**
 * What the investor's figures add to the totals (bench row 7c), the investor's part on its own
 * clock (partAfterTotals), on a fresh copy of the card with an investment.
 */
export function timeTotalsWithInvestor(core, afresh, invested, framework, { runs = 21, warmup = 5 } = {}) {
  const t = partAfterTotals(core, afresh, invested, framework, (card) => core.investorFigures(card, framework), { runs, warmup });
  return { investor: t.part, totals: t.totals, totalsAlone: t.totalsAlone, withInvestor: t.withPart, ratio: t.ratio };
}

/**
 * What `part` adds to the totals: each run times the totals of a fresh copy of the card alone,
 * then the totals of another fresh copy (`withPart()`) and `part` on it, on its own clock;
 * interleaved, so that load on a shared machine hits both alike. The ratio is 1 + the part ÷ the
 * totals (medians; the totals from both copies, 2 × runs samples). Dividing the median of
 * totals-then-part by the median of totals alone, as the rows did before, timed the same totals
 * twice: a garbage collection in either moved the ratio by more than the whole part (a full bench
 * read 1.85× where the value part was 1.63 ms on 6.72 ms of totals).
 * Also the median of each run's own ratio: the two halves of a run see the same load, so on a
 * shared machine it moves far less from run to run than the ratio of two medians.
 */
function partAfterTotals(core, afresh, withPart, framework, part, { runs, warmup }) {
  const totals = [];
  const totalsAlone = [];
  const parts = [];
  const withParts = [];
  for (let i = 0; i < runs + warmup; i++) {
    let start = performance.now();
    core.computeTotals(afresh(), framework);
    const alone = performance.now() - start;
    const card = withPart();
    start = performance.now();
    core.computeTotals(card, framework);
    const totalsDone = performance.now();
    part(card);
    const end = performance.now();
    if (i < warmup) continue;
    totals.push(alone, totalsDone - start);
    totalsAlone.push(alone);
    parts.push(end - totalsDone);
    withParts.push(end - start);
  }
  const result = { part: median(parts), totals: median(totals), totalsAlone: median(totalsAlone), withPart: median(withParts), paired: median(withParts.map((w, i) => w / totalsAlone[i])) };
  return { ...result, ratio: 1 + result.part / result.totals };
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
