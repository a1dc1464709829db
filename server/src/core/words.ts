/** Wording shared by every door: counts in plain English. Imports nothing. */

/** "1 error", "3 errors", "2 decimal places": a count and its noun, agreeing. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
