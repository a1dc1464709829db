/**
 * `totals --format xlsx --output-file F.xlsx`: a workbook finance can audit and vary. Per rate
 * card: a summary, value by body, the investor's cash flow by quarter with live formulas (net
 * flow, cumulative balance, discount factors, NPV at a rate the reader can change, the IRR,
 * the peak funding need, the money multiple), and the price lines. Every amount is a number in
 * the currency's format, never text; the figures are the exact ones of `--format json`, in major
 * units. Loaded only when asked for (exceljs is large), so other commands never pay for it.
 */
import * as ExcelJS from 'exceljs';
import type { TotalsReport } from '../../core/totals/report';
import { planRows, reforecastRows, type PlanAgainstActual } from '../../core/actuals';

/** The Green Book's discount rate for years 0 to 30: the workbook's default for NPV, a cell to change. */
const GREEN_BOOK_RATE = 0.035;

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$', JPY: '¥' };

/** The currency's number format: `"£"#,##0.00;-"£"#,##0.00`, or its code for one without a symbol. */
function moneyFormat(currency: string, digits: number): string {
  const symbol = SYMBOLS[currency] ?? (currency ? `${currency} ` : '');
  const number = `#,##0${digits ? '.' + '0'.repeat(digits) : ''}`;
  const quoted = symbol ? `"${symbol.replace(/"/g, '')}"` : '';
  return `${quoted}${number};-${quoted}${number}`;
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules), unique per workbook. */
function sheetName(base: string, card: number, cards: number): string {
  return (cards > 1 ? `${card + 1} ${base}` : base).replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** Text from the files as a cell value: a string cell is never run as a formula; control characters go. */
function text(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** `totals --actuals F --format xlsx`: the plan against actual, after the rate card's own sheets. */
export interface ActualsSheet {
  plan: PlanAgainstActual;
  /** The rate card's id (else its file name), as the other formats head it. */
  rateCardId: string;
  actualsFile: string;
}

export async function formatTotalsXlsx(reports: TotalsReport[], actuals?: ActualsSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'outcomes-lint';
  // A fixed date: the same files give the same workbook.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  reports.forEach((report, i) => addCard(workbook, report, i, reports.length));
  if (actuals) addPlanAgainstActual(workbook, actuals);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function addCard(workbook: ExcelJS.Workbook, report: TotalsReport, card: number, cards: number): void {
  const t = report.totals;
  const format = moneyFormat(t.currency, t.digits);
  const major = (minor: number | null) => (minor === null ? null : minor / 10 ** t.digits);
  const names = { summary: sheetName('Summary', card, cards), value: sheetName('Value by body', card, cards), cash: sheetName('Cash flow', card, cards), lines: sheetName('Lines', card, cards) };
  const ref = (sheet: string, cell: string) => `'${sheet.replace(/'/g, "''")}'!${cell}`;

  // The sheets in reading order; the cash flow is filled first, as the summary's investor figures are formulas on it.
  const investor = report.investor;
  const value = report.value;
  const summary = workbook.addWorksheet(names.summary);
  const valueSheet = value?.hasValues ? workbook.addWorksheet(names.value) : undefined;
  const cashSheet = investor && investor.cashFlow.length ? workbook.addWorksheet(names.cash) : undefined;
  const lines = workbook.addWorksheet(names.lines);
  const cashCells: Record<string, string> = {};
  if (investor && cashSheet) {
    const sheet = cashSheet;
    sheet.columns = [
      { header: 'Quarter (k)', width: 12 },
      { header: 'Quarter from', width: 14 },
      { header: 'Costs', width: 16 },
      { header: 'Payments', width: 16 },
      { header: 'Net flow', width: 16 },
      { header: 'Balance', width: 16 },
      { header: 'Discount factor', width: 16 },
      { header: 'Discounted flow', width: 16 },
    ];
    const first = 2;
    const last = first + investor.cashFlow.length - 1;
    const rateCell = `B${last + 3}`;
    investor.cashFlow.forEach((q, i) => {
      const r = first + i;
      const row = sheet.getRow(r);
      row.getCell(1).value = q.quarter;
      row.getCell(2).value = q.period;
      row.getCell(3).value = major(q.costs);
      row.getCell(4).value = major(q.payments);
      row.getCell(5).value = { formula: `D${r}-C${r}`, result: major(q.payments - q.costs) ?? 0 };
      row.getCell(6).value = { formula: r === first ? `E${r}` : `F${r - 1}+E${r}`, result: major(q.balance) ?? 0 };
      row.getCell(7).value = { formula: `1/(1+$${rateCell.slice(0, 1)}$${rateCell.slice(1)})^(A${r}/4)`, result: 1 / Math.pow(1 + GREEN_BOOK_RATE, q.quarter / 4) };
      row.getCell(8).value = { formula: `E${r}*G${r}`, result: (major(q.payments - q.costs) ?? 0) / Math.pow(1 + GREEN_BOOK_RATE, q.quarter / 4) };
      for (const c of [3, 4, 5, 6, 8]) row.getCell(c).numFmt = format;
      row.getCell(7).numFmt = '0.000000';
    });
    const total = sheet.getRow(last + 1);
    total.getCell(2).value = 'Total';
    total.getCell(3).value = { formula: `SUM(C${first}:C${last})`, result: major(investor.costs) ?? 0 };
    total.getCell(4).value = { formula: `SUM(D${first}:D${last})`, result: major(investor.payments) ?? 0 };
    total.getCell(5).value = { formula: `SUM(E${first}:E${last})`, result: (major(investor.payments) ?? 0) - (major(investor.costs) ?? 0) };
    for (const c of [3, 4, 5]) total.getCell(c).numFmt = format;
    const labelled = (r: number, label: string, value: ExcelJS.CellValue, numFmt: string) => {
      const row = sheet.getRow(r);
      row.getCell(1).value = label;
      row.getCell(2).value = value;
      row.getCell(2).numFmt = numFmt;
    };
    labelled(last + 3, 'Discount rate a year (Green Book 3.5%; change it)', GREEN_BOOK_RATE, '0.00%');
    labelled(last + 4, 'Net present value at that rate', { formula: `SUM(H${first}:H${last})`, result: 0 }, format);
    labelled(last + 5, 'IRR a year, from the quarterly flows', { formula: `(1+IRR(E${first}:E${last}))^4-1`, result: investor.irr ?? 0 }, '0.00%');
    labelled(last + 6, 'Peak funding need (deepest balance)', { formula: `MAX(0,-MIN(F${first}:F${last}))`, result: major(investor.peakFunding) ?? 0 }, format);
    labelled(last + 7, 'Money multiple (payments ÷ costs)', { formula: `IF(C${last + 1}=0,"",D${last + 1}/C${last + 1})`, result: investor.moneyMultiple ?? 0 }, '0.0000');
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    Object.assign(cashCells, { costs: `C${last + 1}`, payments: `D${last + 1}`, npv: `B${last + 4}`, irr: `B${last + 5}`, peak: `B${last + 6}`, multiple: `B${last + 7}`, rate: rateCell });
  }

  // The summary.
  summary.columns = [{ width: 44 }, { width: 22 }, { width: 60 }];
  const rows: [string, ExcelJS.CellValue, string?, string?][] = [
    ['Rate card', text(t.rateCard || '(no id)')],
    ['File', text(report.filePath)],
    ['Framework', text(report.frameworkPath ?? 'could not be read')],
    ['Currency', text(t.currency)],
    ['Maximum liability', major(t.maximumLiability), format, t.maximumLiability === null ? 'unbounded or cannot be computed' : ''],
    ['Expected payments', major(t.expected), format, t.expected === null ? 'not projected or cannot be computed' : ''],
    ['Deadweight', major(t.deadweight), format, t.deadweight === null ? `not estimated${t.notEstimated.deadweight ? ` — ${t.notEstimated.deadweight}` : ''}` : ''],
  ];
  if (investor) {
    const why = (key: string) => (investor.missing ? text(investor.missing) : text(investor.notEstimated[key] ?? ''));
    const live = (cell: string | undefined, value: number | null) => (cell && value !== null ? { formula: ref(names.cash, cell), result: value } : value);
    rows.push(
      ['Investor: capital committed', major(investor.committed), format, investor.committed === null ? 'not given' : ''],
      ['Investor: costs (delivery and fees)', live(cashCells.costs, major(investor.costs)), format, investor.costs === null ? why('costs') : `the cash flow's total`],
      ['Investor: outcome payments received', live(cashCells.payments, major(investor.payments)), format, investor.payments === null ? why('payments') : `the cash flow's total`],
      ['Investor: peak funding need', live(cashCells.peak, major(investor.peakFunding)), format, investor.peakFunding === null ? why('peakFunding') : 'the deepest cumulative balance'],
      ['Investor: funding gap', investor.fundingGap === null ? null : cashCells.peak ? { formula: `MAX(0,B${rows.length + 4}-B${rows.length + 1})`, result: major(investor.fundingGap) ?? 0 } : major(investor.fundingGap), format, investor.fundingGap === null ? why('fundingGap') : 'peak need over capital committed'],
      ['Investor: money multiple', live(cashCells.multiple, investor.moneyMultiple), '0.0000', investor.moneyMultiple === null ? why('moneyMultiple') : 'payments ÷ costs'],
      ['Investor: IRR a year', live(cashCells.irr, investor.irr), '0.00%', investor.irr === null ? why('irr') : 'from the quarterly flows'],
      ['Investor: break-even achievement scale', investor.breakEvenAchievement, '0.0000', investor.breakEvenAchievement === null ? why('breakEvenAchievement') : 'computed by outcomes-lint (the --achievement at which payments cover the costs): not a formula'],
    );
  }
  rows.forEach(([label, value, numFmt, note], i) => {
    const row = summary.getRow(i + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    if (numFmt) row.getCell(2).numFmt = numFmt;
    if (note) row.getCell(3).value = note;
  });
  summary.getColumn(1).font = { bold: true };

  // Value by body, when the framework gives outcomes a value.
  if (value?.hasValues && valueSheet) {
    const sheet = valueSheet;
    sheet.columns = [{ header: 'Body', width: 24 }, { header: 'Saves', width: 18 }, { header: 'Pays', width: 18 }, { header: 'Net (saves − pays)', width: 20 }];
    Object.entries(value.byBody).forEach(([body, b], i) => {
      const r = i + 2;
      const row = sheet.getRow(r);
      row.getCell(1).value = text(body);
      row.getCell(2).value = major(b.savings);
      row.getCell(3).value = major(b.pays);
      row.getCell(4).value = b.savings === null || b.pays === null ? null : { formula: `B${r}-C${r}`, result: major(b.net) ?? 0 };
      for (const c of [2, 3, 4]) row.getCell(c).numFmt = format;
    });
    sheet.getRow(1).font = { bold: true };
  }

  // The price lines.
  lines.columns = [
    { header: 'Line', width: 6 },
    { header: 'Outcome', width: 30 },
    { header: 'Cohorts', width: 30 },
    { header: 'Price', width: 14 },
    { header: 'Times (claims or periods)', width: 14 },
    { header: 'Per', width: 8 },
    { header: 'Max per participant', width: 18 },
    { header: 'Expected', width: 18 },
    { header: 'Share of expected', width: 12 },
  ];
  t.byLine.forEach((line, i) => {
    const row = lines.getRow(i + 2);
    row.getCell(1).value = line.index + 1;
    row.getCell(2).value = text(line.outcome);
    row.getCell(3).value = text(line.cohorts.join(', '));
    row.getCell(4).value = major(line.price);
    row.getCell(5).value = line.claims === 'unlimited' ? 'unlimited' : line.claims;
    row.getCell(6).value = line.per ?? '';
    row.getCell(7).value = major(line.maxPerParticipant);
    row.getCell(8).value = major(line.expected);
    row.getCell(9).value = line.share;
    for (const c of [4, 7, 8]) row.getCell(c).numFmt = format;
    row.getCell(9).numFmt = '0.0%';
  });
  lines.getRow(1).font = { bold: true };
}

/**
 * The plan against actual (docs/actuals.md): payments by period (plan, actual, share of plan, and
 * their running sums as formulas), the figures to date (share of plan = actual ÷ plan, a formula
 * on the exact plan kept in the cell and shown rounded), and the reforecast as computed.
 */
function addPlanAgainstActual(workbook: ExcelJS.Workbook, { plan: p, rateCardId, actualsFile }: ActualsSheet): void {
  const format = moneyFormat(p.currency, p.digits);
  const major = (minor: number) => minor / 10 ** p.digits;
  const sheet = workbook.addWorksheet('Plan against actual');
  sheet.columns = [{ width: 34 }, { width: 18 }, { width: 18 }, { width: 14 }, { width: 18 }, { width: 18 }, { width: 14 }, { width: 70 }];
  const put = (r: number, values: ExcelJS.CellValue[], formats: (string | undefined)[] = []) => {
    const row = sheet.getRow(r);
    values.forEach((v, i) => {
      row.getCell(i + 1).value = v;
      if (formats[i]) row.getCell(i + 1).numFmt = formats[i]!;
    });
    return row;
  };
  const share = (actual: string, plan: string, result: number | null) => ({ formula: `IF(OR(${plan}="",${plan}=0),"",${actual}/${plan})`, result: result ?? '' });
  put(1, ['Plan against actual', text(rateCardId)]).font = { bold: true };
  put(2, ['Actuals file', text(actualsFile)]);
  put(3, ['Plan from', p.from ?? 'not known']);
  put(4, ['As at', p.asAt ? `${p.asAt.label} (${p.asAt.date})` : 'no period reported']);

  // Payments by period, and the running sums.
  const head = 6;
  put(head, ['Period', 'Planned payments', 'Payments claimed', 'Share of plan', 'Planned to date', 'Claimed to date', 'Share to date', 'Note']).font = { bold: true };
  const first = head + 1;
  const noPlan = p.byPeriod.some((b) => b.plan === null);
  let planSum = 0;
  let actualSum = 0;
  p.byPeriod.forEach((b, i) => {
    const r = first + i;
    planSum += b.plan ?? 0;
    actualSum += b.actual;
    const planned = b.plan === null ? null : major(b.plan);
    put(
      r,
      [
        b.label,
        planned,
        major(b.actual),
        planned === null ? null : share(`C${r}`, `B${r}`, planned ? major(b.actual) / planned : null),
        noPlan ? null : { formula: r === first ? `B${r}` : `E${r - 1}+B${r}`, result: major(planSum) },
        { formula: r === first ? `C${r}` : `F${r - 1}+C${r}`, result: major(actualSum) },
        noPlan ? null : share(`F${r}`, `E${r}`, planSum ? actualSum / planSum : null),
        b.plan === null ? `plan not estimated: ${text(p.payments.why ?? "the plan's timing is not known")}` : '',
      ],
      [undefined, format, format, '0.0%', format, format, '0.0%'],
    );
  });
  const last = first + p.byPeriod.length - 1;
  const totalRow = last + 1;
  if (p.byPeriod.length) {
    put(
      totalRow,
      ['Total', noPlan ? null : { formula: `SUM(B${first}:B${last})`, result: major(planSum) }, { formula: `SUM(C${first}:C${last})`, result: major(actualSum) }, noPlan ? null : share(`C${totalRow}`, `B${totalRow}`, planSum ? actualSum / planSum : null)],
      [undefined, format, format, '0.0%'],
    ).font = { bold: true };
  }

  // The figures to date.
  const toDate = totalRow + 2;
  let paymentsRow = 0;
  put(toDate, ['Figure to date', 'Actual', 'Plan', 'Share of plan', '', '', '', 'Note']).font = { bold: true };
  planRows(p).forEach((row, i) => {
    const r = toDate + 1 + i;
    const l = row.figure === 'participants started' ? p.participants : row.figure === 'outcomes evidenced' ? p.outcomes[row.scope] : row.figure === 'payments claimed' ? p.payments : row.figure === 'payments claimed by payer' ? p.byPayer[row.scope] : row.figure === 'savings' ? p.savings : undefined;
    const numFmt = row.kind === 'money' ? format : '#,##0';
    const label = text(row.scope ? `${row.figure}: ${row.scope}` : row.figure);
    if (!l) {
      // The investor's balance: no share of plan for a balance.
      const i = p.investor;
      put(r, [label, i?.actual == null ? null : major(i.actual), i?.plan == null ? null : major(i.plan), null, '', '', '', text(row.note)], [undefined, format, format]);
      return;
    }
    if (row.figure === 'payments claimed') paymentsRow = r;
    const money = row.kind === 'money';
    const actual = money ? major(l.actual) : l.actual;
    const planned = l.planExact === undefined ? null : money ? l.planExact / 10 ** p.digits : l.planExact;
    put(r, [label, actual, planned, planned === null ? null : share(`B${r}`, `C${r}`, l.share), '', '', '', text(row.note)], [undefined, numFmt, numFmt, '0.0%']);
  });

  // The reforecast, as outcomes-lint computes it (caps and the investor's timing are not spreadsheet formulas).
  const fore = toDate + planRows(p).length + 2;
  put(fore, ['Reforecast', 'Value', '', '', '', '', '', 'How (computed by outcomes-lint, exactly, where not a formula)']).font = { bold: true };
  reforecastRows(p).forEach((row, i) => {
    const r = fore + 1 + i;
    const isShare = row.figure === 'performance so far';
    const isMultiple = row.figure.includes('multiple');
    const number = row.value === '' ? null : Number(row.value);
    // Performance so far is payments claimed ÷ planned to date: a formula on the row above.
    const value = isShare && number !== null && paymentsRow ? { formula: `B${paymentsRow}/C${paymentsRow}`, result: p.reforecast.performance ?? 0 } : number;
    put(r, [text(row.scope ? `${row.figure} (${row.scope})` : row.figure), value, '', '', '', '', '', text(number === null ? row.text : row.figure === 'maximum liability still open' ? `at most: ${row.note}` : row.note)], [undefined, isShare ? '0.0%' : isMultiple ? '0.0000' : format]);
  });
  sheet.views = [{ state: 'frozen', ySplit: head }];
}
