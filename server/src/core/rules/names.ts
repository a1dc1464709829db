/**
 * Outcomes' names in the rules' messages, put in after the rules ran. While the runner collects
 * (`collectNames`), `nameOf` gives a mark that stands for the outcome at a place in the framework's
 * list; the runner writes the names in, and keeps the marked text so that a later edit of a title
 * alone writes the new name in without running the rules again (kept.ts). Titles are read by the
 * rules only through `nameOf`, so a message with marks is the same for any titles.
 */
import type { FrameworkModel, OutcomeEntry } from '../model';

/** A mark: the private-use characters around a number no file can guess (it changes with every start). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const NONCE = Math.floor(Math.random() * 0x7fffffff).toString(36);
const MARK = new RegExp(`${OPEN}${NONCE}:(\\d+)${CLOSE}`, 'g');

/** The outcome a mark stands for: its place in the framework's `outcomes` list, and the id or name shown beside its title. */
export interface NameMark {
  index: number;
  key: string;
}

let collecting: { framework: FrameworkModel; marks: NameMark[] } | undefined;

/** Runs `run` with `nameOf` giving marks for the outcomes of `framework`; the marks are returned beside its result. */
export function collectNames<T>(framework: FrameworkModel | undefined, run: (marks: readonly NameMark[]) => T): { result: T; marks: NameMark[] } {
  const outer = collecting;
  const marks: NameMark[] = [];
  collecting = framework ? { framework, marks } : undefined;
  try {
    return { result: run(marks), marks };
  } finally {
    collecting = outer;
  }
}

/** `nameOf`'s text for an outcome with a title: a mark while collecting, when the outcome is the framework's own. */
export function titled(outcome: OutcomeEntry, title: string, key: string): string {
  if (collecting) {
    const index = outcome.path.length === 2 && outcome.path[0] === 'outcomes' ? outcome.path[1] : undefined;
    const list = (collecting.framework.parsed.value as { outcomes?: unknown } | null)?.outcomes;
    if (typeof index === 'number' && Array.isArray(list) && list[index] === outcome.value) {
      collecting.marks.push({ index, key });
      return `${OPEN}${NONCE}:${collecting.marks.length - 1}${CLOSE}`;
    }
  }
  return `"${title}" (${key})`;
}

/** The numbers of the marks in a text. */
export function marksIn(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(MARK)) out.push(Number(match[1]));
  return out;
}

/** Whether a text holds marks. */
export function hasMarks(text: string): boolean {
  return text.includes(OPEN);
}

/**
 * The text with each mark replaced by the outcome's name as `framework` holds it now: its title,
 * quoted, and its id. Only titles change between the run and now (kept.ts makes sure of it).
 */
export function writeNames(text: string, marks: readonly NameMark[], framework: FrameworkModel | undefined): string {
  const list = (framework?.parsed.value as { outcomes?: unknown } | null | undefined)?.outcomes;
  return text.replace(MARK, (whole, n: string) => {
    const mark = marks[Number(n)];
    if (!mark) return whole;
    const outcome = Array.isArray(list) ? (list[mark.index] as { title?: unknown } | null) : undefined;
    const title = outcome && typeof outcome === 'object' ? outcome.title : undefined;
    return typeof title === 'string' && title ? `"${title}" (${mark.key})` : mark.key;
  });
}
