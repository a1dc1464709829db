/**
 * An outcome or cohort may be called `constructor` (a valid id, and a name every JavaScript
 * object answers to). Through the built CLI, twin files that differ only in that name, one
 * `constructor` and one `constructs`, must give the same findings, totals, investor's figures
 * and plan against actual, name for name. Before, the investor's cash flow read Object's
 * constructor as a per-period outcome's periods per achiever and lost about £2m of payments,
 * and no-baseline said nothing of a cohort called `constructor`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

const SAMPLE = path.join(repoRoot, 'samples/pan-london-edge-of-care/pan-london-edge-of-care');

/** The sample with its weekly outcome, one borough and that borough's cohort called `name`, no periods per achiever and no profile (so the payments are timed by their periods), and that cohort's baseline left out of one outcome. */
function twin(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `own-names-${name}-`)));
  const rename = (text: string) => text.replace(/week-out-of-care/g, name).replace(/merton-young-people/g, name).replace(/\bmerton\b/g, name);
  const framework = rename(fs.readFileSync(`${SAMPLE}.framework.yaml`, 'utf8')).replace(`baseline: { sutton-young-people: 0, tower-hamlets-young-people: 0, bexley-young-people: 0, ${name}: 0,`, 'baseline: { sutton-young-people: 0, tower-hamlets-young-people: 0, bexley-young-people: 0,');
  assert.ok(!framework.includes(`bexley-young-people: 0, ${name}: 0,`), 'one outcome lacks the renamed cohort\'s baseline');
  const card = rename(fs.readFileSync(`${SAMPLE}.ratecard.yaml`, 'utf8'))
    .split('\n')
    .filter((line) => !/^\s+(periodsPerAchiever|profile):/.test(line))
    .join('\n')
    .replace('pan-london-edge-of-care.framework.yaml', 'p.framework.yaml');
  fs.writeFileSync(path.join(dir, 'p.framework.yaml'), framework);
  fs.writeFileSync(path.join(dir, 'p.ratecard.yaml'), card);
  const rows = [
    `  - { period: 2018-Q1, cohort: ${name}, started: 12 }`,
    `  - { period: 2018-Q2, cohort: ${name}, outcome: intervention-completed, evidenced: 6, claimed: 9000 }`,
    `  - { period: 2018-Q2, cohort: ${name}, outcome: ${name}, evidenced: 40, claimed: 6400 }`,
    `  - { period: 2018-Q2, cohort: sutton-young-people, started: 10 }`,
  ];
  fs.writeFileSync(path.join(dir, 'p.actuals.yaml'), ['kind: Actuals', 'schemaVersion: 1', 'rateCard: p.ratecard.yaml', 'rows:', ...rows, ''].join('\n'));
  return dir;
}

/** What the CLI says of a twin, with its paths and the twin's name written as `constructor`. */
function outputs(dir: string, name: string): Record<string, string> {
  const runs = {
    lint: runCli(['.', '--format', 'json'], { cwd: dir }),
    totals: runCli(['totals', 'p.ratecard.yaml', '--format', 'json'], { cwd: dir }),
    actuals: runCli(['totals', 'p.ratecard.yaml', '--actuals', 'p.actuals.yaml', '--format', 'json'], { cwd: dir }),
  };
  const out: Record<string, string> = {};
  for (const [key, run] of Object.entries(runs)) {
    assert.ok(run.status === 0 || run.status === 1, `${key}: ${run.stderr}`);
    out[key] = run.stdout.split(dir).join('<dir>').split(name).join('constructor');
  }
  return out;
}

describe('outcomes-lint: an outcome or cohort called `constructor`', function () {
  this.timeout(60000);
  let named: Record<string, string>;
  let plain: Record<string, string>;
  before(() => {
    named = outputs(twin('constructor'), 'constructor');
    plain = outputs(twin('constructs'), 'constructs');
  });

  it('gets the same totals and investor\'s figures as any other name', () => {
    assert.equal(named.totals, plain.totals);
    const investor = JSON.parse(named.totals).investor;
    assert.ok(investor, 'the investor\'s figures are there');
    // The weekly outcome is most of what the investors are paid: it is counted, not lost.
    assert.ok(Number(investor.payments) > 2_000_000, `payments ${investor.payments}`);
  });

  it('gets the same findings, no-baseline naming the cohort', () => {
    assert.equal(named.lint, plain.lint);
    const messages = (JSON.parse(named.lint) as { messages: { ruleId: string; message: string }[] }[]).flatMap((f) => f.messages);
    assert.ok(messages.some((m) => m.ruleId === 'no-baseline' && m.message.includes('no baseline for constructor')), JSON.stringify(messages.map((m) => m.ruleId)));
  });

  it('gets the same plan against actual', () => {
    assert.equal(named.actuals, plain.actuals);
  });
});
