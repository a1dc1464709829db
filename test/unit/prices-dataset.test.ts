/**
 * The dataset of real UK prices: built from the INDIGO extract and the hand-reviewed mapping, with
 * every priced UK project present and each price mapped (or marked as not comparable, with why).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import frameworkSchema from '../../schemas/outcome-framework.schema.json';
import { ukPriceDataset } from '../../server/src/core/prices/dataset';

const repoRoot = path.resolve(__dirname, '../..');
const indigo = path.resolve(repoRoot, '..', 'shared', 'reference', 'indigo');
const haveExtract = fs.existsSync(path.join(indigo, 'original_projects_outcome_pricings.csv'));
// substance-misuse: drug and alcohol treatment, a domain being added to the schema alongside this dataset.
const domains = new Set<string>([...frameworkSchema.$defs.outcome.properties.domain.enum, 'substance-misuse']);
const stages = new Set<string>(frameworkSchema.$defs.outcome.properties.stage.enum);

type Build = { parseCsv(text: string): Record<string, string>[]; buildPrices(dir: string, mapping: unknown): { problems: string[]; data: typeof ukPriceDataset } };
const loadBuild = () => import(pathToFileURL(path.join(repoRoot, 'scripts', 'build-prices.mjs')).href) as Promise<Build>;
const mapping = () => parseYaml(fs.readFileSync(path.join(repoRoot, 'data', 'prices', 'mapping.yaml'), 'utf8'));

describe('UK prices dataset', () => {
  it('maps every price to a known domain and stage, with a sustain period or a reason, and marks every left-out price', () => {
    let prices = 0;
    for (const programme of ukPriceDataset.programmes) {
      for (const outcome of programme.outcomes) {
        assert.ok(domains.has(outcome.domain), `${programme.id} ${outcome.metric}: domain ${outcome.domain}`);
        assert.ok(stages.has(outcome.stage), `${programme.id} ${outcome.metric}: stage ${outcome.stage}`);
        if (outcome.stage === 'sustainment' && outcome.sustainWeeks === undefined) assert.ok(outcome.uncertain, `${programme.id} ${outcome.metric}: no sustainWeeks and no reason`);
        if (!outcome.comparable) assert.ok(outcome.uncertain, `${programme.id} ${outcome.metric}: left out of comparisons without a reason`);
        assert.match(outcome.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    }
    for (const project of ukPriceDataset.projects) {
      const programme = ukPriceDataset.programmes.find((p) => p.id === project.programme);
      assert.ok(programme, project.id);
      for (const entry of project.outcomes) {
        assert.ok(programme.outcomes.some((o) => o.metric === entry.metric), `${project.id} ${entry.metric} has no mapping`);
        if (entry.price !== undefined) prices++;
      }
    }
    assert.ok(prices > 300, `${prices} prices`);
    assert.match(ukPriceDataset.source.publisher, /Government Outcomes Lab/);
    assert.equal(ukPriceDataset.source.exported, '2025-05');
  });

  describe('built from the extract', function () {
    before(function () {
      if (!haveExtract) this.skip(); // the extract lives beside the repository, not in it
    });

    it('holds every project with a price in pounds, with every one of its prices, exactly', async () => {
      const { parseCsv } = await loadBuild();
      const rows = parseCsv(fs.readFileSync(path.join(indigo, 'original_projects_outcome_pricings.csv'), 'utf8')).filter((r) => r['Currency - (Value)'] === 'GBP');
      const byProject = new Map<string, string[]>();
      for (const r of rows) byProject.set(r['Project ID'], [...(byProject.get(r['Project ID']) ?? []), r['Price Per Unit - Amount - (Value)']]);
      assert.ok(byProject.size >= 24, `${byProject.size} UK projects`);
      for (const [id, csvPrices] of byProject) {
        const project = ukPriceDataset.projects.find((p) => p.id === id);
        assert.ok(project, `${id} is missing from the dataset`);
        const ours = project.outcomes.filter((o) => o.price !== undefined).map((o) => o.priceText);
        assert.deepEqual([...ours].sort(), [...csvPrices].map((p) => p.trim()).sort(), `${id}: prices differ`);
        for (const o of project.outcomes) if (o.price !== undefined) assert.equal(o.price, Math.round(Number(o.priceText) * 100), `${id} ${o.metric}`);
      }
      assert.equal(ukPriceDataset.projects.length, byProject.size, 'a project without UK prices crept in');
    });

    it('is what the build script makes of the extract and the mapping today (the committed file is not stale)', () => {
      const run = spawnSync(process.execPath, ['scripts/build-prices.mjs', '--check', '--indigo', indigo], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
    });

    it('refuses to build when a UK project is in no programme of the mapping', async () => {
      const { buildPrices } = await loadBuild();
      const m = mapping();
      const skillMill = m.programmes.findIndex((p: { id: string }) => p.id === 'skill-mill');
      m.programmes.splice(skillMill, 1);
      const { problems } = buildPrices(indigo, m);
      assert.ok(problems.some((p) => /INDIGO-POJ-0195 has prices in GBP but is in no programme/.test(p)), problems.join('\n'));
    });

    it('refuses to build when a project\'s rows do not line up with its card', async () => {
      const { buildPrices } = await loadBuild();
      const m = mapping();
      const dfe = m.programmes.find((p: { id: string }) => p.id === 'dfe-care-leavers');
      dfe.projects['INDIGO-POJ-0123'] = {}; // its metric ids restart: by id, they would not match the card
      const { problems } = buildPrices(indigo, m);
      assert.ok(problems.some((p) => /INDIGO-POJ-0123 outcomemetric\d+ .* differs from the card's/.test(p)), problems.join('\n'));
    });

    it('refuses a mapping line whose unquoted comma made a stray key', async () => {
      const { buildPrices } = await loadBuild();
      const m = mapping();
      m.programmes[0].metrics.outcomemetric1['SLN screening'] = null;
      const { problems } = buildPrices(indigo, m);
      assert.ok(problems.some((p) => /unknown key "SLN screening"/.test(p)), problems.join('\n'));
    });
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks', async () => {
    const { parseCsv } = await loadBuild();
    assert.deepEqual(parseCsv('\ufeffa,b\r\n"x, ""y""","line 1\nline 2"\n,\n3,4'), [
      { a: 'x, "y"', b: 'line 1\nline 2' },
      { a: '3', b: '4' },
    ]);
  });
});
