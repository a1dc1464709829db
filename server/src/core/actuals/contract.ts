/**
 * The contract an actuals file is claimed under: its rate card (named by `rateCard:` in YAML,
 * found by name for CSV), the framework it prices, and what each claim should have been.
 */
import * as path from '../path';
import type { Finding } from '../findings';
import { readAmount } from '../money';
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';
import { payerSplits } from '../totals/inputs';
import * as Q from '../totals/rational';
import type { Workspace } from '../workspace';
import { monthOf } from './periods';
import type { ActualsFile, ActualsRow } from './read';

export interface Contract {
  rateCard: RateCardModel;
  framework: FrameworkModel | undefined;
  /** Contract dates as month numbers, where the framework gives them. */
  start?: { date: string; month: number };
  recruitmentEnd?: { date: string; month: number };
  /** finalPaymentDate, else end: the last date an outcome may be paid. */
  lastPayment?: { date: string; month: number; field: 'finalPaymentDate' | 'end' };
  /** Who pays each line, as fractions adding up to 1 (undefined when nobody can say). */
  splits: Map<number, Map<string, Q.Rational> | undefined>;
}

/** One row read in the contract's terms: its claim in minor units and its price line. */
export interface ReadRow {
  row: ActualsRow;
  cohort: string;
  period: NonNullable<ActualsRow['period']>['value'];
  started: number;
  outcome?: string;
  /** Outcomes (or periods held) evidenced: 1 on a person's row unless given. */
  evidenced: number;
  /** Minor units. */
  claimed: number;
  person?: string;
  date?: string;
  line?: PriceLineModel;
}

/** The rate card for an actuals file, or the finding that says why there is none. */
export function contractOf(workspace: Workspace, actuals: ActualsFile, rateCardFile?: string): { contract?: Contract; finding?: Finding } {
  const found = rateCardFile ? { file: path.resolve(rateCardFile) } : locateRateCard(workspace, actuals);
  if ('why' in found) return { finding: { ruleId: 'framework-not-found', severity: 'error', message: found.why, file: actuals.file, span: actuals.rateCard?.span ?? { start: 0, end: 0 } } };
  const at = actuals.rateCard?.span ?? { start: 0, end: 0 };
  const fail = (message: string) => ({ finding: { ruleId: 'framework-not-found', severity: 'error' as const, message, file: actuals.file, span: at } });
  if (!workspace.contains(found.file)) return fail(`The rate card ${path.basename(found.file)} is outside the workspace, so these results are not checked against it.`);
  const analyzed = workspace.analyze(found.file);
  if (!analyzed) return fail(`The rate card ${path.basename(found.file)} cannot be read, so these results are not checked against it.`);
  if (analyzed.model?.kind !== 'RateCard') return fail(`${path.basename(found.file)} is not a rate card (kind: RateCard), so these results are not checked against it.`);
  if (analyzed.brokenYaml) return fail(`The rate card ${path.basename(found.file)} has a YAML error, so these results are not checked against it until it reads.`);
  const rateCard = analyzed.model;
  workspace.addKnownFile(found.file);
  const link = workspace.frameworkOf(rateCard);
  const framework = link.ok && !workspace.analyze(link.file)?.brokenYaml ? link.framework : undefined;
  const contract = (framework?.data.contract ?? {}) as Record<string, unknown>;
  const date = (field: string) => {
    const value = contract[field];
    const month = typeof value === 'string' ? monthOf(value) : undefined;
    return month === undefined ? undefined : { date: value as string, month };
  };
  const finalPayment = date('finalPaymentDate');
  const end = date('end');
  return {
    contract: {
      rateCard,
      framework,
      start: date('start'),
      recruitmentEnd: date('recruitmentEnd'),
      lastPayment: finalPayment ? { ...finalPayment, field: 'finalPaymentDate' } : end ? { ...end, field: 'end' } : undefined,
      splits: payerSplits(rateCard, framework, []),
    },
  };
}

/** YAML names its rate card; a CSV file `x.actuals.csv` goes with `x.ratecard.yaml` beside it, else the one rate card in its folder. */
function locateRateCard(workspace: Workspace, actuals: ActualsFile): { file: string } | { why: string } {
  if (actuals.format === 'yaml') {
    if (!actuals.rateCard) return { why: 'This actuals file names no rate card: add `rateCard:` with the path of the rate card the results are claimed under.' };
    const file = path.resolve(path.dirname(actuals.file), actuals.rateCard.value);
    if (workspace.textOf(file) === undefined) return { why: `The rate card ${actuals.rateCard.value} named here does not exist (looked for ${path.basename(file)} beside this file).` };
    return { file };
  }
  const dir = path.dirname(actuals.file);
  const stem = path.basename(actuals.file).replace(/\.actuals\.csv$/i, '').replace(/\.csv$/i, '');
  for (const ext of ['.ratecard.yaml', '.ratecard.yml']) {
    const file = path.join(dir, stem + ext);
    if (workspace.textOf(file) !== undefined) return { file };
  }
  const beside = workspace.filesIn(dir).filter((f) => /\.ratecard\.ya?ml$/i.test(f));
  if (beside.length === 1) return { file: beside[0] };
  return { why: `No rate card found for this file: name it after its rate card (${stem}.actuals.csv goes with ${stem}.ratecard.yaml in the same folder)${beside.length > 1 ? `; this folder has ${beside.length} rate cards, so none is taken as its own` : ''}.` };
}

/** The price line that pays `outcome` for `cohort`: the cohort's own line, else a line for every cohort. */
export function lineFor(card: RateCardModel, cohort: string, outcome: string): PriceLineModel | undefined {
  let general: PriceLineModel | undefined;
  for (const line of card.prices) {
    if (line.outcome !== outcome) continue;
    if (line.cohorts?.includes(cohort)) return line;
    if (!line.cohorts && !general) general = line;
  }
  return general;
}

/** Rows in the contract's terms (rows with a mistake and amounts that cannot be read are left out), in period order. */
export function readRows(actuals: ActualsFile, contract: Contract, report: (row: ActualsRow, message: string) => void): ReadRow[] {
  const out: ReadRow[] = [];
  // Sums past 2^53 are no longer exact: a file that gets there is refused, not added up roughly.
  const sums = { started: 0, evidenced: 0, claimed: 0 };
  for (const row of actuals.rows) {
    if (row.broken || !row.period || !row.cohort) continue;
    sums.started += row.started?.value ?? 0;
    sums.evidenced += row.evidenced?.value ?? 0;
    if (!Number.isSafeInteger(sums.started) || !Number.isSafeInteger(sums.evidenced)) {
      report(row, 'With this row the counts add up past any real number of participants or outcomes (more than 9,007,199,254,740,991), so they cannot be added exactly: check the figures.');
      row.broken = true;
      break;
    }
    let claimed = 0;
    if (row.claimed) {
      const reading = readAmount(row.claimed.value, contract.rateCard.digits);
      if (!reading.ok) {
        report(row, reading.reason === 'decimals' ? `${contract.rateCard.currency ?? 'This currency'} amounts have at most ${contract.rateCard.digits} decimal places; ${row.claimed.value} has ${reading.decimals}. Claims are never rounded here: correct the amount.` : `The amount ${row.claimed.value} cannot be read exactly; write it as plain digits, such as 1500.`);
        row.broken = true;
        continue;
      }
      claimed = reading.minor;
      sums.claimed += claimed;
      if (!Number.isSafeInteger(sums.claimed)) {
        report(row, 'With this claim the payments claimed add up past any real amount, so they cannot be added exactly to the penny: check the amounts.');
        row.broken = true;
        break;
      }
    }
    const cohort = row.cohort.value;
    const outcome = row.outcome?.value;
    out.push({
      row,
      cohort,
      period: row.period.value,
      started: row.started?.value ?? 0,
      outcome,
      evidenced: row.evidenced?.value ?? (row.person ? 1 : 0),
      claimed,
      person: row.person?.value,
      date: row.date?.value,
      line: outcome ? lineFor(contract.rateCard, cohort, outcome) : undefined,
    });
  }
  // Stable: rows of one period keep the file's order.
  return out.map((r, i) => [r, i] as const).sort((a, b) => a[0].period.firstMonth - b[0].period.firstMonth || a[1] - b[1]).map(([r]) => r);
}

/** What one claim of a line pays, exactly: the price (or a band's) less the line's discount. */
export function claimPrices(line: PriceLineModel): Q.Rational[] {
  const prices = line.bands ? line.bands.map((b) => b.price).filter((p): p is number => p !== undefined) : line.price !== undefined ? [line.price] : [];
  const keep = line.discount ? Q.div(Q.int(10000 - Math.round(line.discount * 100)), Q.int(10000)) : Q.ONE;
  return prices.map((p) => Q.mul(Q.int(p), keep));
}
