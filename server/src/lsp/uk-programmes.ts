/**
 * The requests behind the editor's "New Framework from a UK Programme…": the programmes with
 * published prices, and the two files written from one of them (the core writes them; the
 * client only shows the pick list and saves).
 */
import { pricedProjects, programmeById, sourceCredit } from '../core/prices/dataset';
import { programmeTemplate } from '../core/prices/template';
import type { UkProgrammeFiles, UkProgrammeList } from '../protocol';


export function ukProgrammes(): UkProgrammeList {
  const items = pricedProjects().map((project) => {
    const programme = programmeById(project.programme);
    return { id: project.id, name: project.name, programme: programme?.name ?? project.programme, year: programme?.year ?? 0, prices: project.outcomes.filter((o) => o.price !== undefined).length };
  });
  return { items, source: sourceCredit() };
}

export function ukProgrammeFiles(id: string): UkProgrammeFiles | null {
  const template = programmeTemplate(String(id ?? ''));
  if ('error' in template) return null;
  const { frameworkFile, rateCardFile, frameworkText, rateCardText } = template;
  return { frameworkFile, rateCardFile, frameworkText, rateCardText, source: sourceCredit() };
}
