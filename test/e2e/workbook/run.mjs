// The investor's workbook recalculated by LibreOffice (Debian's headless Calc), as a finance
// colleague's spreadsheet would: `outcomes-lint totals --format xlsx` writes it, the cached
// results of its formulas are removed (so every figure read back is LibreOffice's own), soffice
// recalculates on load (a throwaway profile says "always recalculate") and writes each sheet as
// CSV, and the balance of every quarter, the NPV and the IRR must equal what
// `outcomes-lint totals --format json` gives (its `investor` section).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startGroup, stopGroup } from '../runner/processes.mjs';

export const SOFFICE = '/usr/bin/soffice';
/** The workbook's default discount rate (the Green Book's 3.5% a year), in its rate cell. */
const RATE = 0.035;
/** CSV export: comma, double quotes, UTF-8, from line 1, raw values, every sheet to its own file (LibreOffice 7.2+). */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1';

/** A LibreOffice profile of our own: formulas in .xlsx and .ods are always recalculated on load. */
function profile(dir) {
  mkdirSync(path.join(dir, 'user'), { recursive: true });
  const setting = (name) => `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${setting('OOXMLRecalcMode')}\n${setting('ODFRecalcMode')}\n</oor:items>\n`);
  return pathToFileURL(dir).href;
}

/** One CSV line's fields (quotes doubled inside quoted fields). */
function csvFields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

/** "8.0883%" → 0.080883; "-27345.81" → -27345.81; NaN for anything else. */
function numberOf(cell) {
  const text = (cell ?? '').trim();
  if (/^-?\d+(\.\d+)?(E[-+]?\d+)?%$/i.test(text)) return Number(text.slice(0, -1)) / 100;
  return /^-?\d+(\.\d+)?(E[-+]?\d+)?$/i.test(text) ? Number(text) : NaN;
}

/** The quarter's index k from its first day, counting from the first quarter's. */
function quarterIndex(first, period) {
  const [y0, m0] = first.split('-').map(Number);
  const [y, m] = period.split('-').map(Number);
  return ((y - y0) * 12 + (m - m0)) / 3;
}

async function recalculatedCashFlow(env) {
  const { cli, samples, run } = env;
  const dir = path.join(run, 'workbook');
  mkdirSync(dir, { recursive: true });
  const card = path.join('pan-london-edge-of-care', 'pan-london-edge-of-care.ratecard.yaml');
  const json = cli.run(['totals', card, '--format', 'json'], samples);
  if (json.status !== 0) throw new Error(`outcomes-lint totals --format json failed (exit ${json.status}): ${json.stderr}`);
  const parsed = JSON.parse(json.stdout);
  const investor = (Array.isArray(parsed) ? parsed[0] : parsed).investor;
  if (!investor?.cashFlow?.length || investor.irr === null) throw new Error(`the CLI gives no investor cash flow with an IRR for ${card}.`);

  const written = path.join(dir, 'written.xlsx');
  const xlsx = cli.run(['totals', card, '--format', 'xlsx', '--output-file', written], samples);
  if (xlsx.status !== 0) throw new Error(`outcomes-lint totals --format xlsx failed (exit ${xlsx.status}): ${xlsx.stderr}`);

  // The formulas without their cached results: what LibreOffice shows is what it computed.
  const ExcelJS = createRequire(path.join(env.repoRoot, 'package.json'))('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(written);
  let formulas = 0;
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    if (cell.formula) { cell.value = { formula: cell.formula }; formulas++; }
  })));
  const bare = path.join(dir, 'x.xlsx');
  await workbook.xlsx.writeFile(bare);

  const out = path.join(dir, 'csv');
  const started = Date.now();
  // In a process group of its own (soffice starts soffice.bin), stopped with it however the run ends.
  const logFile = path.join(dir, 'soffice.log');
  const child = startGroup(SOFFICE, [`-env:UserInstallation=${profile(path.join(dir, 'profile'))}`, '--headless', '--norestore', '--convert-to', CSV_FILTER, '--outdir', out, bare], { env: { ...process.env, HOME: dir }, cwd: dir, logFile });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), 120000).unref());
  const how = await Promise.race([exited, timedOut]);
  const ms = Date.now() - started;
  await stopGroup(child, 1000);
  const said = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '');
  if (how === 'timeout') throw new Error(`soffice --convert-to csv did not finish within 120 s: ${said()}`);
  if (how.code !== 0) throw new Error(`soffice --convert-to csv failed (exit ${how.code ?? how.signal}): ${said()}`);
  const sheet = path.join(out, 'x-Cash flow.csv');
  if (!existsSync(sheet)) throw new Error(`LibreOffice wrote no "Cash flow" sheet as CSV; it said: ${said()}`);
  const rows = readFileSync(sheet, 'utf8').split(/\r?\n/).map(csvFields);

  const problems = [];
  const near = (got, want, tolerance) => Number.isFinite(got) && Math.abs(got - want) <= tolerance;
  // Every quarter's balance to the penny.
  const quarters = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[1] ?? ''));
  if (quarters.length !== investor.cashFlow.length) problems.push(`${quarters.length} quarters in the recalculated sheet, ${investor.cashFlow.length} in the JSON`);
  investor.cashFlow.forEach((q, i) => {
    const row = quarters[i];
    if (!row || row[1] !== q.period || !near(numberOf(row[5]), Number(q.balance), 0.005)) problems.push(`quarter from ${q.period}: balance ${row ? row[5] : 'missing'} recalculated, ${q.balance} in the JSON`);
  });
  const labelled = (start) => rows.find((r) => (r[0] ?? '').startsWith(start))?.[1];
  // The NPV at the workbook's rate, from the JSON's flows: sum of (payments − costs) / (1 + rate)^(k/4).
  const first = investor.cashFlow[0].period;
  const npv = investor.cashFlow.reduce((sum, q) => sum + (Number(q.payments) - Number(q.costs)) / (1 + RATE) ** (quarterIndex(first, q.period) / 4), 0);
  const npvShown = numberOf(labelled('Net present value'));
  if (!near(npvShown, npv, 0.01)) problems.push(`NPV at 3.5%: ${labelled('Net present value') ?? 'missing'} recalculated, ${npv.toFixed(2)} from the JSON's flows`);
  // The IRR: the JSON's, to its 4 decimals.
  const irrShown = numberOf(labelled('IRR a year'));
  if (!near(irrShown, investor.irr, 0.00005)) problems.push(`IRR: ${labelled('IRR a year') ?? 'missing'} recalculated, ${investor.irr} in the JSON`);
  const peakShown = numberOf(labelled('Peak funding need'));
  if (!near(peakShown, Number(investor.peakFunding), 0.005)) problems.push(`peak funding need: ${labelled('Peak funding need') ?? 'missing'} recalculated, ${investor.peakFunding} in the JSON`);
  if (problems.length) throw new Error(`LibreOffice's recalculation of ${card}'s workbook disagrees with the JSON:\n${problems.join('\n')}`);
  return [
    `${card}: ${formulas} formulas written without cached results; soffice recalculated and converted the workbook in ${ms} ms`,
    `${investor.cashFlow.length} quarterly balances equal the JSON's to the penny (the last ${investor.cashFlow.at(-1).balance}); NPV at 3.5% ${npvShown.toFixed(2)} (from the JSON's flows ${npv.toFixed(2)}); IRR ${(irrShown * 100).toFixed(4)}% (JSON ${investor.irr}); peak ${peakShown.toFixed(2)}`,
  ];
}

export const workbookChecks = [
  { name: "workbook: LibreOffice recalculates the investor's workbook to the JSON's balance, NPV and IRR", run: recalculatedCashFlow },
];

export async function runWorkbookChecks(env) {
  const out = [];
  for (const check of workbookChecks) {
    if (env.only?.length && !env.only.some((o) => check.name.includes(o))) continue;
    const start = Date.now();
    try {
      const saw = await check.run(env);
      out.push({ suite: 'LibreOffice', name: check.name, ok: true, ms: Date.now() - start, saw });
    } catch (error) {
      out.push({ suite: 'LibreOffice', name: check.name, ok: false, ms: Date.now() - start, saw: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
