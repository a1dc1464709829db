/**
 * The real UK outcome prices of the INDIGO impact bond dataset, as built by
 * scripts/build-prices.mjs from the CSV extract and data/prices/mapping.yaml. Bundled into the
 * server, the CLI and the extension: nothing is read or fetched at run time.
 */
import data from './uk-prices.json';

export interface DatasetSource {
  title: string;
  publisher: string;
  url: string;
  exported: string;
  licence: string;
}

/** One outcome of a programme's card, mapped by hand onto this tool's domains and stages. */
export interface CardOutcome {
  metric: string;
  id: string;
  title: string;
  /** The programme's own words. */
  definition: string;
  domain: string;
  stage: string;
  sustainWeeks?: number;
  qualificationLevel?: number;
  minGuidedHours?: number;
  /** Why a person might map it differently. */
  uncertain?: string;
  /** False when it pays for something else than one person's outcome: left out of comparisons. */
  comparable: boolean;
}

export interface Programme {
  id: string;
  name: string;
  year: number;
  payer: { id: string; name: string; guess: string };
  cohort: { needs?: string; ageRange?: { min: number; max: number } };
  outcomes: CardOutcome[];
}

export interface ProjectOutcome {
  metric: string;
  /** Pence. Absent when the extract has no price for it. */
  price?: number;
  priceText?: string;
  /** The extract's price row, when it is another metric id than the outcome's. */
  row?: string;
  /** 'card' when the project's own rows do not define it and the card's definition stands in. */
  definedBy?: 'card';
}

export interface Project {
  id: string;
  name: string;
  programme: string;
  /** YYYY-MM. */
  start?: string;
  end?: string;
  population?: string;
  participants?: number;
  /** Pence. */
  maxOutcomePayment?: number;
  /** How the project's rows were lined up with its card, when not by metric id. */
  alignment?: string;
  outcomes: ProjectOutcome[];
}

export interface UkPriceDataset {
  source: DatasetSource;
  programmes: Programme[];
  projects: Project[];
}

export const ukPriceDataset = data as UkPriceDataset;

/** "INDIGO impact bond dataset, version 2 (Government Outcomes Lab, …), export of 2025-05". */
export function sourceCredit(source: DatasetSource = ukPriceDataset.source): string {
  // toLocaleString builds a formatter each call (0.1 ms): price-context cites this in every finding.
  let credit = credits.get(source);
  if (credit === undefined) credits.set(source, (credit = creditOf(source)));
  return credit;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const credits = new WeakMap<DatasetSource, string>();

function creditOf(source: DatasetSource): string {
  const [year, month] = source.exported.split('-');
  // Not toLocaleString: its first call loads ICU's date formats (about 25 ms of a CLI run).
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return `${source.title} (${source.publisher}), export of ${monthName} ${year}`;
}

export function programmeById(id: string): Programme | undefined {
  return ukPriceDataset.programmes.find((p) => p.id === id);
}

export function projectById(id: string): Project | undefined {
  const wanted = id.trim().toUpperCase();
  return ukPriceDataset.projects.find((p) => p.id === wanted);
}

/** Projects with at least one price, in id order: what `new --from` and the pick list offer. */
export function pricedProjects(): Project[] {
  return ukPriceDataset.projects.filter((p) => p.outcomes.some((o) => o.price !== undefined)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)); // ids are INDIGO-POJ-nnnn
}
