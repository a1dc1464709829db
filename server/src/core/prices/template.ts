/**
 * A framework and a rate card written from one real UK programme's published outcomes and prices
 * (INDIGO data), for `outcomes-lint new --from` and the editor's "New Framework from a UK
 * Programme…". Everything the data does not say is a guess, and each guess carries a comment.
 */
import frameworkSchema from '../../../../schemas/outcome-framework.schema.json';
import { programmeById, projectById, sourceCredit, type CardOutcome, type Programme, type Project } from './dataset';

export interface ProgrammeTemplate {
  project: Project;
  programme: Programme;
  /** File names, without a folder. */
  frameworkFile: string;
  rateCardFile: string;
  frameworkText: string;
  rateCardText: string;
}

/** The domains this version of the schema knows (a mapping may be ahead of it). */
const knownDomains = new Set<string>(frameworkSchema.$defs.outcome.properties.domain.enum);

/** A YAML double-quoted scalar (JSON's string syntax is valid YAML). */
const quote = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim());
/** A comment's text on one line, cut to `max` characters. */
const oneLine = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function slug(text: string, max = 40): string {
  const full = text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (full.length <= max) return full || 'programme';
  const cut = full.slice(0, max);
  return cut.slice(0, cut.lastIndexOf('-') > 10 ? cut.lastIndexOf('-') : max).replace(/-+$/, '');
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

function poundsYaml(pence: number): string {
  return pence % 100 === 0 ? String(pence / 100) : `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

/** The two files for `projectId` (such as INDIGO-POJ-0131), or a message saying why not. */
export function programmeTemplate(projectId: string): ProgrammeTemplate | { error: string } {
  const project = projectById(projectId);
  if (!project) return { error: `${projectId} is not a UK project with published prices in the INDIGO data. Run \`outcomes-lint new --list\` to see those that are.` };
  const programme = programmeById(project.programme);
  if (!project.outcomes.some((o) => o.price !== undefined) || !programme) return { error: `${project.id} has no published prices in the INDIGO data.` };
  const name = slug(project.name);
  const frameworkFile = `${name}.framework.yaml`;
  const rateCardFile = `${name}.ratecard.yaml`;
  const credit = sourceCredit();
  const theProgramme = /^the /i.test(programme.name) ? programme.name : `the ${programme.name}`;
  const header = [
    `# Modelled on ${project.name} (${project.id}), part of ${theProgramme} (${programme.year}).`,
    `# Source: ${credit}: the project's published outcome metrics and prices.`,
    `# Written by \`outcomes-lint new --from ${project.id}\`. Lines marked "guess:" say what the data does not;`,
    '# check them before relying on this file. The prices are nominal, of their year.',
    ...(project.alignment ? [`# Note on the data: ${oneLine(project.alignment, 400)}.`] : []),
  ];

  const outcomes = project.outcomes.map((entry) => ({ entry, outcome: programme.outcomes.find((o) => o.metric === entry.metric) as CardOutcome }));
  const fw: string[] = [...header, 'kind: OutcomeFramework', 'schemaVersion: 1', `id: ${name}`, `title: ${quote(project.name)}`];
  if (project.population) fw.push(`description: ${quote(`Modelled on ${project.name} (${project.id}, ${programme.name}). Target population: ${project.population}`)}`);
  fw.push('currency: GBP');
  const contract: string[] = [];
  if (project.start) contract.push(`  start: ${project.start}-01   # guess: the first day of the month the data gives (${project.start})`);
  if (project.end && (!project.start || project.end >= project.start)) contract.push(`  end: ${lastDayOf(project.end)}   # guess: the last day of the month the data gives for the end of service (${project.end})`);
  if (contract.length) fw.push('# guess: the data gives no recruitment end date.', 'contract:', ...contract);
  if (project.end && project.start && project.end < project.start) fw.push(`# The data's end of service (${project.end}) is before its start (${project.start}), so no end date is set.`);
  fw.push(
    'payers:',
    `  # guess: ${programme.payer.guess}.`,
    `  - id: ${programme.payer.id}`,
    `    name: ${quote(programme.payer.name)}`,
    'cohorts:',
    '  - id: participants',
    `    title: ${quote(project.population ? oneLine(project.population, 120) : `Participants of ${project.name}`)}`,
  );
  if (project.population) fw.push('    # From the data\'s target population; guess: that this is the eligibility a referral is checked against.', '    eligibility:', `      - ${quote(project.population)}`);
  const age = programme.cohort.ageRange;
  if (age) fw.push(`    ageRange: { min: ${age.min}, max: ${age.max} }   # guess: the ages of ${theProgramme}, not given per project in the data`);
  if (project.participants) fw.push(`    size: ${project.participants}   # the data's target number of participants`);
  else fw.push('    # guess: no size, as the data gives no target number of participants for this project.');
  if (programme.cohort.needs) fw.push(`    needs: ${programme.cohort.needs}   # guess: the data does not grade needs`);
  fw.push('outcomes:');
  for (const { entry, outcome } of outcomes) {
    const knownDomain = knownDomains.has(outcome.domain);
    const guessed = [`domain and stage${outcome.sustainWeeks !== undefined ? ', sustainWeeks' : ''}${outcome.qualificationLevel !== undefined ? ', qualificationLevel' : ''} are our reading of the definition (data/prices/mapping.yaml)`];
    if (outcome.uncertain) guessed.push(`uncertain: ${outcome.uncertain}`);
    if (entry.definedBy === 'card') guessed.push(`the definition is the ${programme.name} card's, as this project's rows do not define it`);
    fw.push(`  # ${entry.metric}; guess: ${guessed.join('; ')}.`);
    fw.push(`  - id: ${outcome.id}`, `    title: ${quote(outcome.title)}`, `    description: ${quote(outcome.definition)}`);
    fw.push(knownDomain ? `    domain: ${outcome.domain}` : `    domain: other   # guess: ${outcome.domain}, a domain this version does not know yet`);
    fw.push(`    stage: ${outcome.stage}`);
    if (entry.price !== undefined) fw.push('    role: payment');
    else fw.push(`    role: indicator   # guess: the data gives no usable price for it, so it is measured here, not paid`);
    if (outcome.stage === 'sustainment') {
      if (outcome.sustainWeeks !== undefined) fw.push(`    sustainWeeks: ${outcome.sustainWeeks}`);
      else fw.push('    sustainWeeks: 13   # guess: the data does not give the period; 13 weeks is a placeholder');
    }
    if (outcome.qualificationLevel !== undefined) fw.push(`    qualificationLevel: ${outcome.qualificationLevel}`);
    if (outcome.minGuidedHours !== undefined) fw.push(`    minGuidedHours: ${outcome.minGuidedHours}`);
  }

  const rc: string[] = [...header, 'kind: RateCard', 'schemaVersion: 1', `id: ${name}-prices`, `title: ${quote(`${project.name} rate card`)}`, `framework: ${frameworkFile}`, 'currency: GBP'];
  if (project.maxOutcomePayment !== undefined) rc.push('caps:', `  total: ${poundsYaml(project.maxOutcomePayment)}   # the data's maximum potential outcome payment`);
  else rc.push('# guess: no caps, as the data gives no maximum outcome payment for this project.');
  rc.push('# guess: each outcome is paid at most once per participant (maxClaims 1, the default); the data does not say.', '# guess: no projection, as the data gives no expected achievement rates.', 'prices:');
  for (const { entry, outcome } of outcomes) {
    if (entry.price === undefined) {
      rc.push(`  # ${outcome.id}: no usable price in the data, so not priced here.`);
      continue;
    }
    rc.push(`  - outcome: ${outcome.id}`, `    price: ${poundsYaml(entry.price)}   # the data's price (${entry.row && entry.row !== entry.metric ? `its row ${entry.row}, which prices ${entry.metric}` : entry.metric})`);
  }
  return { project, programme, frameworkFile, rateCardFile, frameworkText: fw.join('\n') + '\n', rateCardText: rc.join('\n') + '\n' };
}
