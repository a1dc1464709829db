/** Reads a workbook the CLI wrote back as a formula engine takes it, so tests can recalculate it. */
import * as ExcelJS from 'exceljs';

export type Cell = string | number | boolean | null;

/** The workbook's sheets as HyperFormula reads them: values, and formulas as "=…". */
export async function sheetsOf(file: string): Promise<Record<string, Cell[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: Record<string, Cell[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value as unknown;
        cells[c - 1] = v !== null && typeof v === 'object' && 'formula' in (v as object) ? `=${(v as { formula: string }).formula}` : (v as Cell);
      });
      rows[r - 1] = Array.from(cells, (x) => x ?? null);
    });
    sheets[sheet.name] = Array.from(rows, (x) => x ?? []);
  });
  return sheets;
}
