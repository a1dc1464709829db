/** Records keyed by text a file chose. */

/**
 * Sets `key` of `record` as its own property, `__proto__` too (an assignment would take that as
 * the record's prototype, and lose the entry).
 */
export function setOwn<T>(record: Record<string | number, T> | T[], key: string | number, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else (record as Record<string | number, T>)[key] = value;
}

/**
 * A number from one of the model's records by outcome or cohort (achievement, claims, periods,
 * baseline): their own values are all numbers (model.ts numberMap), and nothing Object.prototype
 * gives is a number, so an outcome or cohort called `constructor` reads as not given there
 * (a plain keyed read gave Object's constructor, read as a share of nothing).
 */
export function ownNumber(record: Readonly<Record<string, number | undefined>>, id: string): number | undefined {
  const value = record[id];
  return typeof value === 'number' ? value : undefined;
}

/** The record's own entry for `key` (undefined when it has none): never what Object.prototype gives, `constructor` say. */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
