/**
 * `overlapping-outcomes` and routes (issue 20, 9): an outcome is needed on every route only if
 * every alternative of its `requiresAnyOf` needs it; and where an `excludes` would stop a payment
 * that may as well follow either of two entries, the term fix offered is `requiresAnyOf`, never
 * applied by `--fix` alone. Through the built CLI, on real files, with the totals before and after.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';
import { cardYaml, cohortYaml, findings, frameworkYaml, outcomeYaml, totalsJson } from './totals-edge-fixture';

const jobEntry = outcomeYaml('job-entry');
const apprenticeship = outcomeYaml('apprenticeship-start');
const job13 = (extra: string) => outcomeYaml('job-13-weeks', `    sustainWeeks: 13\n${extra}`, 'sustainment');
const prices = 'prices:\n  - outcome: job-entry\n    price: 1000\n  - outcome: apprenticeship-start\n    price: 1500\n  - outcome: job-13-weeks\n    price: 2000\n';

type Message = { ruleId: string; message: string; line: number };
/** The fixes offered for a rule's findings, as SARIF carries them: title and replacement texts. */
function fixesOf(dir: string, ruleId: string): { title: string; texts: string[] }[] {
  const sarif = JSON.parse(runCli(['f.framework.yaml', '--format', 'sarif'], { cwd: dir }).stdout);
  type Result = { ruleId: string; fixes?: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] };
  return (sarif.runs[0].results as Result[]).filter((r) => r.ruleId === ruleId).flatMap((r) => (r.fixes ?? []).map((f) => ({ title: f.description.text, texts: f.artifactChanges.flatMap((c) => c.replacements.map((x) => x.insertedContent.text)) })));
}
function lint(dir: string, ...args: string[]) {
  const run = runCli(['f.framework.yaml', '--format', 'json', ...args], { cwd: dir });
  return { run, of: (ruleId: string) => findings(run.stdout, ruleId) as Message[] };
}
const read = (dir: string) => fs.readFileSync(path.join(dir, 'f.framework.yaml'), 'utf8');

describe('overlapping-outcomes and requiresAnyOf routes', function () {
  this.timeout(60000);
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an outcome every route of which needs the job entry is needed on every route: no excludes fix that would stop it for apprentices', () => {
    // The 13 weeks may follow a job entry or a job entry with training agreed (an indicator that requires the job entry): both routes need the job entry.
    const training = outcomeYaml('job-with-training', '    requires: [job-entry]\n').replace('role: payment', 'role: indicator');
    const framework = frameworkYaml(cohortYaml('c', 100), jobEntry + training + apprenticeship + job13('    requiresAnyOf: [job-entry, job-with-training]\n'));
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': cardYaml(prices) });
    const [finding, ...rest] = lint(dir).of('overlapping-outcomes');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /would also stop "job-13-weeks" \(job-13-weeks\), which needs job-entry on every route it may follow, for everyone who achieves apprenticeship-start/);
    assert.match(finding.message, /give it a route through apprenticeship-start \(`requiresAnyOf`\)/);
    // Nothing an exclusion could write: the 13 weeks stay payable after a job entry; no fix rewrites routes it already has.
    const before = totalsJson(dir).t.maxPerParticipant.c;
    runCli(['f.framework.yaml', '--fix', '--fix-type', 'term'], { cwd: dir });
    assert.equal(read(dir), framework);
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, before);
  });

  it('an outcome one of whose routes does not need the job entry is not stopped: the excludes fix is offered', () => {
    dir = makeWorkspace({ 'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship + job13('    requiresAnyOf: [job-entry, apprenticeship-start]\n')) });
    const [finding] = lint(dir).of('overlapping-outcomes');
    assert.match(finding.message, /say so with `excludes: \[job-entry\]` on apprenticeship-start/);
  });

  it('offers requiresAnyOf as a term fix: --fix leaves it, --fix-type term writes it, and the apprentice is then paid the 13 weeks', () => {
    const framework = frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship + job13('    requires: [job-entry]\n'));
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': cardYaml(prices) });
    assert.deepEqual(fixesOf(dir, 'overlapping-outcomes'), [{ title: 'Let job-13-weeks follow job-entry or apprenticeship-start (requiresAnyOf in place of requiring job-entry)', texts: ['requiresAnyOf: [job-entry, apprenticeship-start]'] }]);
    // Nothing exclusive yet: both entries and the 13 weeks, 4,500.
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '4500.00');
    // --fix alone applies no contract term, and says one was left.
    const plain = runCli(['f.framework.yaml', '--fix'], { cwd: dir });
    assert.equal(read(dir), framework);
    assert.match(plain.stdout + plain.stderr, /--fix-type term/);
    // Written alone (the editor's quick fix does just this edit): the routes, then the excludes is offered.
    const once = framework.replace('    requires: [job-entry]\n', '    requiresAnyOf: [job-entry, apprenticeship-start]\n');
    fs.writeFileSync(path.join(dir, 'f.framework.yaml'), once);
    // Routes loosen nothing that was paid: still 4,500 until the entries are made exclusive.
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '4500.00');
    const { run, of } = lint(dir);
    assert.deepEqual([...of('unpayable-outcome'), ...of('unknown-reference'), ...of('schema')], [], run.stdout);
    assert.match(of('overlapping-outcomes')[0].message, /say so with `excludes: \[job-entry\]` on apprenticeship-start/);
    // Every term fix asked for: the routes, then the excludes. The 13 weeks stay paid after an apprenticeship:
    // 1,500 + 2,000 = 3,500, where an excludes alone would have left the job route's 3,000.
    fs.writeFileSync(path.join(dir, 'f.framework.yaml'), framework);
    runCli(['f.framework.yaml', '--fix', '--fix-type', 'term'], { cwd: dir });
    const after = read(dir);
    assert.match(after, / {4}requiresAnyOf: \[job-entry, apprenticeship-start\]\n/);
    assert.match(after, /- id: apprenticeship-start\n(?: {4}.*\n)*? {4}excludes: \[job-entry\]\n/);
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '3500.00');
    assert.deepEqual(lint(dir).of('overlapping-outcomes'), []);
  });

  it('keeps what else the outcome requires: requires: [job-entry, consent] becomes requires: [consent] and requiresAnyOf', () => {
    const consent = outcomeYaml('consent', '', 'engagement').replace('role: payment', 'role: indicator');
    const framework = frameworkYaml(cohortYaml('c', 100), consent + jobEntry + apprenticeship + job13('    requires:\n      - job-entry\n      - consent\n'));
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': cardYaml(prices) });
    runCli(['f.framework.yaml', '--fix', '--fix-type', 'term'], { cwd: dir });
    const after = read(dir);
    assert.match(after, /- id: job-13-weeks\n(?: {4}.*\n)*? {4}requires: \[consent\]\n/);
    assert.match(after, /- id: job-13-weeks\n(?: {4}.*\n)*? {4}requiresAnyOf: \[job-entry, apprenticeship-start\]\n?/);
    const { run, of } = lint(dir);
    assert.deepEqual([...of('schema'), ...of('unknown-reference'), ...of('yaml')], [], run.stdout);
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '3500.00');
  });
});
