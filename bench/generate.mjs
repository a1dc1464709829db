// Synthetic framework/rate-card pairs shaped like docs/performance.md: each outcome with id,
// title, domain, stage, role, evidence and baseline; every sustainment outcome `requires` its
// entry outcome; the rate card has one price line per paid outcome and a projection.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const domains = ['education', 'employment', 'training', 'accommodation', 'wellbeing', 'mental-health', 'relationships', 'practical-skills'];
const sources = ['Enrolment record', 'Payroll or HMRC record', 'Tenancy agreement', 'Awarding body certificate', 'Case worker report'];

const pad = (n) => String(n).padStart(5, '0');

/** The id of outcome `i` (0-based): pairs of entry then sustainment outcomes. */
export function outcomeId(i) {
  const pair = Math.floor(i / 2);
  return i % 2 === 0 ? `o${pad(pair)}-entry` : `o${pad(pair)}-sustained-26w`;
}

/** Indicators are measured, never paid: every tenth outcome. */
const isPaid = (i) => i % 10 !== 9;

/**
 * `heavy`: the finding-heavy variant, where entry outcomes have no baseline, so about one
 * finding in every outcome (no-baseline beside the overlapping and unsustained ones), to show
 * what findings cost and not only parsing.
 */
export function frameworkText(n, { heavy = false } = {}) {
  const lines = [
    '# Synthetic framework for the benchmark: generated, do not edit.',
    'kind: OutcomeFramework',
    'schemaVersion: 1',
    `id: bench-${n}`,
    `title: Benchmark framework with ${n} outcomes`,
    'currency: GBP',
    'contract:',
    '  start: 2024-04-01',
    '  recruitmentEnd: 2026-03-31',
    '  end: 2028-03-31',
    'payers:',
    '  - id: dfe',
    '    name: Department for Education',
    '  - id: council',
    '    name: Example County Council',
    'cohorts:',
    '  - id: leaving-care',
    '    title: Young people leaving care at 17 or 18',
    '    ageRange: { min: 17, max: 18 }',
    '    size: 250',
    '  - id: high-needs',
    '    title: Young people leaving care with high needs',
    '    size: 80',
    '    needs: high',
    'outcomes:',
  ];
  for (let i = 0; i < n; i++) {
    const sustained = i % 2 === 1;
    const domain = domains[Math.floor(i / 2) % domains.length];
    lines.push(`  - id: ${outcomeId(i)}`);
    lines.push(`    title: ${sustained ? 'Sustained for 26 weeks' : 'Started'} in ${domain} (outcome ${i + 1})`);
    lines.push(`    domain: ${domain}`);
    lines.push(`    stage: ${sustained ? 'sustainment' : 'entry'}`);
    lines.push(`    role: ${isPaid(i) ? 'payment' : 'indicator'}`);
    if (sustained) {
      lines.push('    sustainWeeks: 26');
      lines.push(`    requires: [${outcomeId(i - 1)}]`);
    }
    lines.push(`    evidence: { kind: administrative, source: ${sources[i % sources.length]} }`);
    if (!heavy || sustained) lines.push(`    baseline: { leaving-care: 0.${(i % 3) + 1}, high-needs: 0.05 }`);
  }
  return lines.join('\n') + '\n';
}

export function rateCardText(n, frameworkName) {
  const lines = [
    '# Synthetic rate card for the benchmark: generated, do not edit.',
    'kind: RateCard',
    'schemaVersion: 1',
    `id: bench-${n}-card`,
    `framework: ${frameworkName}`,
    'currency: GBP',
    'payers: { dfe: 30, council: 70 }',
    'caps:',
    `  perParticipant: ${Math.max(20000, n * 50)}`,
    'prices:',
  ];
  for (let i = 0; i < n; i++) {
    if (!isPaid(i)) continue;
    lines.push(`  - outcome: ${outcomeId(i)}`);
    lines.push(`    price: ${500 + (i % 40) * 25}.${i % 4 === 0 ? '50' : '00'}`);
    if (i % 7 === 3) lines.push('    maxClaims: 2');
    if (i % 11 === 5) lines.push('    payers: { dfe: 50, council: 50 }');
  }
  lines.push('projection:');
  for (const [cohort, participants] of [['leaving-care', 250], ['high-needs', 80]]) {
    lines.push(`  - cohort: ${cohort}`);
    lines.push(`    participants: ${participants}`);
    lines.push('    achievement:');
    for (let i = 0; i < n; i++) if (isPaid(i)) lines.push(`      ${outcomeId(i)}: 0.${i % 2 === 0 ? '6' : '45'}`);
    lines.push('    profile: { 2025: 0.3, 2026: 0.5, 2027: 0.2 }');
  }
  return lines.join('\n') + '\n';
}

/** Writes the pair for `n` outcomes under `dir` and returns the two paths (`heavy`: see frameworkText). */
export function writePair(dir, n, { heavy = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const name = heavy ? `bench-${n}-heavy` : `bench-${n}`;
  const framework = path.join(dir, `${name}.framework.yaml`);
  const rateCard = path.join(dir, `${name}.ratecard.yaml`);
  writeFileSync(framework, frameworkText(n, { heavy }));
  writeFileSync(rateCard, rateCardText(n, path.basename(framework)));
  return { framework, rateCard };
}

/**
 * The 1,111-outcome pair (1,000 prices) in `dir`, and beside it under `dir/valued` the same pair
 * with every paid outcome given a value (docs/value.md): the cards the totals and value rows time.
 */
export function writeValuedPair(dir) {
  const plain = writePair(dir, 1111);
  const valuedDir = path.join(dir, 'valued');
  mkdirSync(valuedDir, { recursive: true });
  const valued = { dir: valuedDir, framework: path.join(valuedDir, path.basename(plain.framework)), rateCard: path.join(valuedDir, path.basename(plain.rateCard)) };
  writeFileSync(valued.framework, frameworkText(1111).replace(/^    role: payment$/gm, '    role: payment\n    value: { fiscal: { council: 1200, dfe: 800 }, years: 2, source: Bench unit costs, priceYear: 2024 }'));
  writeFileSync(valued.rateCard, rateCardText(1111, path.basename(plain.framework)));
  return { plain, valued };
}

/**
 * A fund's repository: `pairs` project folders, each with a copy of one of the samples'
 * framework and rate card (as an outcomes fund keeps every project's files in one place).
 */
export function writeRepository(dir, pairs, samplesDir) {
  rmSync(dir, { recursive: true, force: true });
  const samples = ['care-leavers', 'homelessness', 'youth-engagement'];
  const files = [];
  for (let i = 0; i < pairs; i++) {
    const sample = samples[i % samples.length];
    const folder = path.join(dir, `project-${String(i + 1).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (const suffix of ['framework', 'ratecard']) {
      const file = path.join(folder, `${sample}.${suffix}.yaml`);
      copyFileSync(path.join(samplesDir, sample, `${sample}.${suffix}.yaml`), file);
      files.push(file);
    }
  }
  return files;
}
