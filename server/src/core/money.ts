/**
 * Money as whole minor units (pence), never binary floating point. Amounts are read from the
 * digits the analyst typed, so `500.10` is 50010 pence exactly.
 */

/** ISO 4217 minor-unit digits where they differ from 2. */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function minorDigits(currency: string | undefined): number {
  return currency !== undefined && currency in MINOR_DIGITS ? MINOR_DIGITS[currency] : 2;
}

export type AmountReading =
  | { ok: true; minor: number }
  | { ok: false; reason: 'decimals'; decimals: number; digits: number }
  | { ok: false; reason: 'not-a-number' }
  /** Plain digits, but more minor units than can be counted exactly (past 9,007,199,254,740,991). */
  | { ok: false; reason: 'too-large' };

/**
 * Reads an amount from its source text (`1500`, `220.50`, `1.5e3`) as minor units of a currency
 * with `digits` decimals. Never rounds: extra decimals are reported, not dropped.
 */
export function readAmount(source: string, digits: number): AmountReading {
  const text = source.trim();
  // Digits and exponents past any real amount are refused before they are moved about (1e999999999).
  if (text.length > 64 || /[eE][-+]?\d{3,}$/.test(text)) return { ok: false, reason: 'not-a-number' };
  const match = /^\+?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return { ok: false, reason: 'not-a-number' };
  let whole = match[1];
  let fraction = match[2] ?? '';
  const exponent = match[3] ? Number(match[3]) : 0;
  if (exponent > 0) {
    const moved = fraction.slice(0, exponent).padEnd(exponent, '0');
    whole += moved;
    fraction = fraction.slice(exponent);
  } else if (exponent < 0) {
    const shift = -exponent;
    const padded = whole.padStart(shift + 1, '0');
    fraction = padded.slice(padded.length - shift) + fraction;
    whole = padded.slice(0, padded.length - shift);
  }
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return { ok: false, reason: 'decimals', decimals: significant.length, digits };
  const minor = Number(whole) * 10 ** digits + Number(significant.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'too-large' };
  return { ok: true, minor };
}

/** Formats minor units as a plain decimal string in the major unit: 123450 → "1234.50". */
export function toDecimalString(minor: number, digits: number): string {
  const negative = minor < 0;
  const abs = Math.abs(minor).toString().padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, abs.length - digits) : abs;
  const fraction = digits ? '.' + abs.slice(abs.length - digits) : '';
  return (negative ? '-' : '') + whole + fraction;
}
