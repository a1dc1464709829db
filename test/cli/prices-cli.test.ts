/**
 * Real UK prices on the command line, through the built CLI: the price-context rule on real files,
 * and `new --from` for every UK programme with published prices, each output linting with no error.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pricedProjects } from '../../server/src/core/prices/dataset';
import { repoRoot, runCli } from '../support/cli';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string; message: string; line: number }[];
  errorCount: number;
}

const lintJson = (args: string[], cwd = repoRoot) => {
  const run = runCli([...args, '--format', 'json'], { cwd });
  return { run, results: JSON.parse(run.stdout || '[]') as JsonResult[] };
};

describe('price-context on real files', () => {
  it('finds the perverse sample\'s £3,000 accommodation entry, naming the programmes it was compared with', () => {
    const { results } = lintJson(['samples/perverse']);
    const card = results.find((r) => r.filePath.endsWith('perverse.ratecard.yaml'));
    const found = card?.messages.filter((m) => m.ruleId === 'price-context') ?? [];
    const lines = fs.readFileSync(path.join(repoRoot, 'samples/perverse/perverse.ratecard.yaml'), 'utf8').split('\n');
    const priceLine = lines.findIndex((l, i) => i > lines.indexOf('  - outcome: accommodation-entry') && /^ {4}price: 3000$/.test(l)) + 1;
    assert.ok(priceLine > 0);
    const entry = found.find((m) => m.line === priceLine);
    assert.ok(entry, JSON.stringify(found));
    assert.equal(entry.severity, 'info');
    assert.match(entry.message, /^£3,000\.00 is more than 2 times the highest real UK price for this kind of outcome \(accommodation · entry\): £600, paid by MHCLG entrenched rough sleeping SIBs \(2017\)\. The 2 comparable prices, from £500 to £600, are from Fair Chance Fund \(2015\) and MHCLG entrenched rough sleeping SIBs \(2017\)\./);
    assert.match(entry.message, /Source: INDIGO impact bond dataset, version 2/);
  });

  it('stays quiet on the samples priced as real programmes were', () => {
    const { results } = lintJson(['samples/homelessness', 'samples/care-leavers']);
    assert.equal(results.length, 4);
    assert.deepEqual(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'price-context').map((m) => m.message)), []);
  });

  it('reports a price far below the lowest, and takes its factor from the configuration', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'price-context-'));
    try {
      fs.cpSync(path.join(repoRoot, 'samples', 'homelessness'), root, { recursive: true });
      const card = path.join(root, 'homelessness.ratecard.yaml');
      fs.writeFileSync(card, fs.readFileSync(card, 'utf8').replace(/(outcome: accommodation-sustained-6m\n\s+price:) 1500/, '$1 400'));
      let { results } = lintJson(['.'], root);
      let found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'price-context'));
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0].message, /^£400\.00 is less than 1\/2 of the lowest real UK price for this kind of outcome \(accommodation · sustainment · 26 weeks\): £1,500, paid by Fair Chance Fund \(2015\); MHCLG|^£400\.00 is less than 1\/2 of the lowest real UK price for this kind of outcome \(accommodation · sustainment · 26 weeks\): £1,500, paid by Fair Chance Fund \(2015\) and MHCLG entrenched rough sleeping SIBs \(2017\)/);
      fs.writeFileSync(path.join(root, '.outcomes-lint.yaml'), 'rules:\n  price-context: { thresholds: { factor: 4 } }\n');
      ({ results } = lintJson(['.'], root));
      found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'price-context'));
      assert.deepEqual(found, [], 'with factor 4, £400 is not below a quarter of £1,500');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('outcomes-lint new --from', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'new-from-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists the UK programmes with published prices', () => {
    const run = runCli(['new', '--list']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^INDIGO-POJ-0131 {2}Ambition \(Fair Chance Fund, 2015\): 21 prices$/m);
    assert.match(run.stdout, /^INDIGO-POJ-0195 {2}The Skill Mill \(The Skill Mill, 2020\): 6 prices$/m);
    assert.equal(run.stdout.match(/^INDIGO-POJ-\d{4} /gm)?.length, pricedProjects().length);
    assert.match(run.stdout, /Source: INDIGO impact bond dataset/);
  });

  it('writes, for every UK programme with prices, a framework and rate card that lint with no error, each guess commented', () => {
    const projects = pricedProjects();
    assert.ok(projects.length >= 24, `${projects.length}`);
    for (const project of projects) {
      const run = runCli(['new', '--from', project.id, project.id], { cwd: root });
      assert.equal(run.status, 0, `${project.id}: ${run.stderr}`);
      assert.match(run.stdout, /^Wrote .*\.framework\.yaml and .*\.ratecard\.yaml, modelled on /);
    }
    const { run, results } = lintJson(['.'], root);
    assert.equal(run.status, 0, run.stdout.slice(0, 2000) + run.stderr);
    assert.equal(results.length, 2 * projects.length);
    for (const result of results) assert.equal(result.errorCount, 0, `${result.filePath}: ${JSON.stringify(result.messages.filter((m) => m.severity === 'error'))}`);
    for (const project of projects) {
      const files = fs.readdirSync(path.join(root, project.id));
      assert.equal(files.length, 2, files.join());
      for (const name of files) {
        const text = fs.readFileSync(path.join(root, project.id, name), 'utf8');
        assert.match(text, new RegExp(`^# Modelled on .*\\(${project.id}\\)`), name);
        assert.match(text, /^# Source: INDIGO impact bond dataset, version 2 \(Government Outcomes Lab/m, name);
        if (name.endsWith('.framework.yaml')) {
          // Each outcome's domain and stage are a reading of the data: a guess comment is right above it.
          const outcomes = text.split('\n  - id: ').length - 3; // less the text before, the payer and the cohort
          const guesses = text.match(/^ {2}# outcomemetric\d+; guess: domain and stage/gm)?.length ?? 0;
          assert.equal(guesses, outcomes, `${name}: ${guesses} guess comments for ${outcomes} outcomes`);
          assert.match(text, /# guess: .*payer/, name);
        } else {
          const priced = project.outcomes.filter((o) => o.price !== undefined).length;
          assert.equal(text.match(/^ {4}price: [\d.]+ {3}# the data's price/gm)?.length, priced, name);
        }
      }
    }
  });

  it('writes the real card\'s own prices, and its real weaknesses show', () => {
    const dir = path.join(root, 'INDIGO-POJ-0121');
    const card = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.ratecard.yaml'))!), 'utf8');
    assert.match(card, /- outcome: qualification-level-2\n {4}price: 4730 /);
    assert.match(card, /- outcome: qualification-level-3\n {4}price: 4730 /);
    assert.match(card, /caps:\n {2}total: 2250000 /);
    const { results } = lintJson([dir], root);
    const rules = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    // The DfE card paid level 3 no more than level 2.
    assert.ok(rules.has('inverted-progression'), [...rules].join());
  });

  it('never overwrites, and says so', () => {
    const run = runCli(['new', '--from', 'INDIGO-POJ-0195', 'INDIGO-POJ-0195'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /already exist; nothing was written/);
  });

  it('refuses to write into a folder that is a file, with a usage error and no stack trace', () => {
    const file = path.join(root, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const run = runCli(['new', '--from', 'INDIGO-POJ-0131', file]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not a folder\./);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('refuses a project without UK prices, and a call without --from, with a usage error', () => {
    let run = runCli(['new', '--from', 'INDIGO-POJ-0001', root]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /INDIGO-POJ-0001 is not a UK project with published prices in the INDIGO data\. Run `outcomes-lint new --list`/);
    run = runCli(['new', root]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Give the programme to start from: new --from INDIGO-POJ-nnnn/);
  });
});
