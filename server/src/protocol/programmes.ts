/** The requests behind the editor's "New Framework from a UK Programme…" and their shapes. */

/** The UK programmes with published prices (INDIGO data): `{ items, source }`. */
export const ukProgrammesRequest = 'outcomes/ukProgrammes';
/** The framework and rate card written from one programme (`{ id }`), or null. */
export const ukProgrammeFilesRequest = 'outcomes/ukProgrammeFiles';

export interface UkProgrammeItem {
  id: string;
  name: string;
  programme: string;
  year: number;
  prices: number;
}

export interface UkProgrammeList {
  items: UkProgrammeItem[];
  source: string;
}

export interface UkProgrammeFiles {
  frameworkFile: string;
  rateCardFile: string;
  frameworkText: string;
  rateCardText: string;
  source: string;
}
