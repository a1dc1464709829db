/**
 * Loads the workbook writer (xlsx.ts, with exceljs: some 3.5 MB of code) only when
 * `totals --format xlsx` runs. In the bundled CLI the writer is bundled apart and embedded as
 * text (esbuild.mjs), compiled here on first use: the CLI stays one file, and every other
 * command starts as fast as before instead of compiling code it never runs.
 */
type Writer = typeof import('./xlsx');

/** Set to true by esbuild.mjs for the bundled CLI. */
declare const __WORKBOOK_AS_TEXT__: boolean;

export function loadWorkbookWriter(): Promise<Writer> {
  // A constant in the bundle: the branch not taken (and what it imports) is left out of it.
  return __WORKBOOK_AS_TEXT__ ? Promise.resolve(compiled()) : import('./xlsx');
}

function compiled(): Writer {
  const source = require('virtual:workbook-writer') as string;
  const module = { exports: {} as Writer };
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  return module.exports;
}
