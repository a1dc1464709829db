/** Records keyed by text a file chose. */

/**
 * Sets `key` of `record` as its own property, `__proto__` too (an assignment would take that as
 * the record's prototype, and lose the entry).
 */
export function setOwn<T>(record: Record<string | number, T> | T[], key: string | number, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else (record as Record<string | number, T>)[key] = value;
}
