// Builds server/src/core/prices/uk-prices.json, the compact dataset of real UK outcome prices the
// hover, the price-context rule and `outcomes-lint new --from` read, from the INDIGO CSV extract
// and the hand-reviewed mapping in data/prices/mapping.yaml. The CSVs are never read at run time.
//
//   node scripts/build-prices.mjs [--indigo DIR] [--out FILE] [--check]
//
// DIR defaults to ../shared/reference/indigo (beside the repository). --check builds in memory and
// exits 1 if the committed dataset differs. The build fails, naming the rows, when a UK (GBP)
// price is in no programme of the mapping, or a row does not line up with the card it is mapped to.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.some((f) => f !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const col = {
  project: 'Project ID',
  metricId: 'Id',
  definition: 'Outcome Definition - (Value)',
  priceMetric: 'Outcome Metric Id - (Value)',
  currency: 'Currency - (Value)',
  price: 'Price Per Unit - Amount - (Value)',
  name: 'Impact Bond Name - (Value)',
  start: 'Dates - Start date of service provision - (Value)',
  actualEnd: 'Dates - Actual end date of service provision - (Value)',
  plannedEnd: 'Dates - Anticipated end date of service provision - (Value)',
  population: 'Service and beneficiaries - Target population - (Value)',
  participants: 'Service and beneficiaries - Targeted number of unique service users or beneficiaries (total) - (Value)',
  maxCurrency: 'Overall project finance - Maximum potential outcome payment - Currency - (Value)',
  maxAmount: 'Overall project finance - Maximum potential outcome payment - Amount - (Value)',
};

/** Pounds as written ("765.63") → pence, exactly; undefined when not a plain amount. */
export function toPence(text) {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text ?? '');
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** For comparing two spellings of one definition: lower case, letters and digits only, first 40. */
const gist = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().slice(0, 40);
const monthOf = (text) => (/^\d{4}-\d{2}$/.test(text ?? '') ? text : undefined);

const metricKeys = new Set(['id', 'title', 'domain', 'stage', 'sustainWeeks', 'qualificationLevel', 'minGuidedHours', 'uncertain', 'comparable']);

export function buildPrices(indigoDir, mapping) {
  const read = (name) => parseCsv(readFileSync(join(indigoDir, name), 'utf8'));
  const projectRows = new Map(read('original_projects.csv').map((r) => [r.ID, r]));
  const metricRows = read('original_projects_outcome_metrics.csv');
  const priceRows = read('original_projects_outcome_pricings.csv');
  const problems = [];

  const programmeOf = new Map();
  for (const programme of mapping.programmes) for (const id of Object.keys(programme.projects)) programmeOf.set(id, programme);

  // Every project with a price in pounds is a UK project (the extract leaves most UK projects'
  // jurisdiction blank); each must be in a programme of the mapping.
  const ukProjects = [...new Set(priceRows.filter((r) => r[col.currency] === 'GBP').map((r) => r[col.project]))];
  for (const id of ukProjects) if (!programmeOf.has(id)) problems.push(`${id} has prices in GBP but is in no programme of the mapping.`);

  const programmes = [];
  const projects = [];
  for (const programme of mapping.programmes) {
    const cardDefinitions = new Map();
    const perProject = [];
    for (const [projectId, how] of Object.entries(programme.projects)) {
      const project = projectRows.get(projectId);
      if (!project) {
        problems.push(`${projectId} (${programme.id}) is not in original_projects.csv.`);
        continue;
      }
      const metrics = metricRows.filter((r) => r[col.project] === projectId && r[col.definition].trim());
      const prices = priceRows.filter((r) => r[col.project] === projectId);
      // The card metric each definition and each price row is about.
      const defined = new Map();
      metrics.forEach((r, index) => defined.set(how.matchBy === 'position' ? `outcomemetric${index + 1}` : r[col.metricId], r[col.definition].trim()));
      const priced = new Map();
      prices.forEach((r, index) => {
        const row = r[col.priceMetric];
        const metric = how.matchBy === 'position' ? `outcomemetric${index + 1}` : (how.priceRows?.[row] ?? row);
        if (r[col.currency] !== 'GBP') return problems.push(`${projectId} ${row}: currency ${r[col.currency] || '(none)'}, not GBP.`);
        const pence = toPence(r[col.price]);
        if (pence === undefined) return problems.push(`${projectId} ${row}: the price "${r[col.price]}" is not a plain amount.`);
        if (!programme.metrics[metric]) return problems.push(`${projectId} ${row}: priced (${r[col.price]}) but ${metric} is not mapped in ${programme.id}.`);
        priced.set(metric, { pence, text: r[col.price].trim(), row });
      });
      for (const [metric, definition] of defined) if (!cardDefinitions.has(metric)) cardDefinitions.set(metric, definition);
      perProject.push({ projectId, project, how, defined, priced });
    }
    // Each project's definitions must be the card's (shifted rows show up here).
    for (const { projectId, defined } of perProject) {
      for (const [metric, definition] of defined) {
        if (!programme.metrics[metric]) problems.push(`${projectId} ${metric} ("${definition.slice(0, 50)}") is not mapped in ${programme.id}.`);
        else if (gist(definition) !== gist(cardDefinitions.get(metric))) problems.push(`${projectId} ${metric} ("${definition.slice(0, 50)}") differs from the card's ("${cardDefinitions.get(metric).slice(0, 50)}"); fix its alignment in the mapping.`);
      }
    }
    const outcomes = Object.entries(programme.metrics).map(([metric, m]) => {
      // A comma inside an unquoted flow mapping value starts a new key: catch it here.
      for (const key of Object.keys(m)) if (!metricKeys.has(key)) problems.push(`${programme.id} ${metric}: unknown key "${key}" (quote a value that holds a comma).`);
      for (const key of ['id', 'title', 'domain', 'stage']) if (!m[key]) problems.push(`${programme.id} ${metric}: no ${key} in the mapping.`);
      if (m.stage === 'sustainment' && m.sustainWeeks === undefined && !m.uncertain) problems.push(`${programme.id} ${metric}: a sustainment without sustainWeeks must say why (uncertain).`);
      if (m.comparable === false && !m.uncertain) problems.push(`${programme.id} ${metric}: comparable: false needs its reason in uncertain.`);
      if (!cardDefinitions.has(metric)) problems.push(`${programme.id} ${metric}: no project of the programme defines it.`);
      return {
        metric,
        id: m.id,
        title: m.title,
        definition: cardDefinitions.get(metric) ?? '',
        domain: m.domain,
        stage: m.stage,
        ...(m.sustainWeeks !== undefined && { sustainWeeks: m.sustainWeeks }),
        ...(m.qualificationLevel !== undefined && { qualificationLevel: m.qualificationLevel }),
        ...(m.minGuidedHours !== undefined && { minGuidedHours: m.minGuidedHours }),
        ...(m.uncertain && { uncertain: m.uncertain }),
        comparable: m.comparable !== false,
      };
    });
    for (const key of ['id', 'name', 'guess']) if (typeof programme.payer?.[key] !== 'string') problems.push(`${programme.id}: payer.${key} must be text (quote a value that holds a comma).`);
    programmes.push({ id: programme.id, name: programme.name, year: programme.year, payer: programme.payer, cohort: programme.cohort ?? {}, outcomes });
    for (const { projectId, project, how, defined, priced } of perProject) {
      const metrics = Object.keys(programme.metrics).filter((m) => defined.has(m) || priced.has(m));
      const maxPence = project[col.maxCurrency] === 'GBP' ? toPence(project[col.maxAmount]) : undefined;
      const participants = Number(project[col.participants]);
      const start = monthOf(project[col.start]);
      const end = monthOf(project[col.actualEnd]) ?? monthOf(project[col.plannedEnd]);
      projects.push({
        id: projectId,
        name: project[col.name].trim(),
        programme: programme.id,
        ...(start && { start }),
        ...(end && { end }),
        ...(project[col.population].trim() && { population: project[col.population].trim() }),
        ...(Number.isInteger(participants) && participants > 0 && { participants }),
        ...(maxPence !== undefined && { maxOutcomePayment: maxPence }),
        ...(how.reason && { alignment: how.reason }),
        outcomes: metrics.map((metric) => {
          const price = priced.get(metric);
          return { metric, ...(price && { price: price.pence, priceText: price.text }), ...(price && price.row !== metric && { row: price.row }), ...(!defined.has(metric) && { definedBy: 'card' }) };
        }),
      });
    }
  }
  return { problems, data: { source: mapping.source, programmes, projects } };
}

function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const indigo = resolve(option('--indigo') ?? join(root, '..', 'shared', 'reference', 'indigo'));
  const out = resolve(option('--out') ?? join(root, 'server', 'src', 'core', 'prices', 'uk-prices.json'));
  if (!existsSync(join(indigo, 'original_projects_outcome_pricings.csv'))) {
    console.error(`build-prices: no INDIGO extract in ${indigo}; give its folder with --indigo DIR.`);
    process.exit(2);
  }
  const mapping = parseYaml(readFileSync(join(root, 'data', 'prices', 'mapping.yaml'), 'utf8'));
  const { problems, data } = buildPrices(indigo, mapping);
  if (problems.length) {
    console.error(`build-prices: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  const text = JSON.stringify(data, null, 1) + '\n';
  if (args.includes('--check')) {
    const same = existsSync(out) && readFileSync(out, 'utf8') === text;
    console.log(same ? 'build-prices: the committed dataset is up to date.' : `build-prices: ${out} is out of date; run node scripts/build-prices.mjs`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(out, text);
  const prices = data.projects.reduce((n, p) => n + p.outcomes.filter((o) => o.price !== undefined).length, 0);
  console.log(`build-prices: ${data.projects.length} projects, ${data.programmes.length} programmes, ${prices} prices → ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
