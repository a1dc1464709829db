// Reading figures and price lines out of what an editor shows, shared by the VS Code scenarios
// (inside the extension host) and the Neovim and page checks (plain Node). No editor imports.

/**
 * Amounts shown in a label, as decimal strings with the currency's digits: "£1,342,500" → "1342500.00".
 * @param {string} text
 * @param {number} digits
 * @returns {string[]}
 */
export function amountsIn(text, digits) {
  const out = [];
  for (const match of text.matchAll(/[£$€¥]\s?(\d[\d,]*(?:\.\d+)?)/g)) {
    const [whole, fraction = ''] = match[1].replace(/,/g, '').split('.');
    out.push(digits ? `${whole}.${fraction.padEnd(digits, '0')}` : whole);
  }
  return out;
}

/**
 * The minor-unit digits of a decimal string from the CLI ("1234.50" → 2); 2 when unknown.
 * @param {string | null | undefined} decimal
 */
export const digitsOf = (decimal) => (decimal && decimal.includes('.') ? decimal.split('.')[1].length : 2);

/** "1342500.00" → "1,342,500": how a figure's whole part reads on screen. @param {string} decimal */
export const grouped = (decimal) => decimal.split('.')[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * @typedef {{ index: number, outcome: string, outcomeLine: number, outcomeColumn: number, priceLine: number, priceColumn: number, price: string, firstLine: number, lastLine: number }} PriceLine
 */

/**
 * The price lines of a rate card, with where their `outcome:` and `price:` values sit (0-based lines and columns).
 * @param {string} text
 * @returns {PriceLine[]}
 */
export function priceLines(text) {
  const lines = text.split('\n');
  /** @type {PriceLine[]} */
  const out = [];
  let inPrices = false;
  /** @type {any} */
  let current;
  const close = (/** @type {number} */ end) => {
    if (current && current.outcome !== undefined && current.price !== undefined) out.push({ ...current, lastLine: end });
    current = undefined;
  };
  lines.forEach((line, i) => {
    if (/^prices:\s*$/.test(line)) { inPrices = true; return; }
    if (inPrices && /^\S/.test(line) && !line.startsWith('#')) { close(i - 1); inPrices = false; return; }
    if (!inPrices) return;
    if (/^\s*-\s/.test(line)) { close(i - 1); current = { index: out.length, firstLine: i }; }
    const outcome = /^(\s*-?\s*)outcome:\s*([\w-]+)/.exec(line);
    if (outcome && current) Object.assign(current, { outcome: outcome[2], outcomeLine: i, outcomeColumn: line.indexOf(outcome[2], outcome[1].length + 8) });
    const price = /^(\s*-?\s*)price:\s*([\d.]+)/.exec(line);
    if (price && current) Object.assign(current, { price: price[2], priceLine: i, priceColumn: line.indexOf(price[2], price[1].length + 6) });
  });
  close(lines.length - 1);
  return out;
}
