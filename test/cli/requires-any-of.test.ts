/**
 * `requiresAnyOf` (issue 20, 9): a 13-week job payment that may follow a job start or an
 * apprenticeship start. Through the built CLI: the totals worked by hand, the checks on the
 * field, the rules that read prerequisites, and the term fix that would stop an apprentice's
 * job payments, which is not offered.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';
import { cardYaml, cohortYaml, findings, frameworkYaml, outcomeYaml, totalsJson } from './totals-edge-fixture';

const jobEntry = outcomeYaml('job-entry');
const apprenticeship = (extra = '') => outcomeYaml('apprenticeship-start', extra);
const job13 = (extra: string) => outcomeYaml('job-13-weeks', `    sustainWeeks: 13\n${extra}`, 'sustainment');
const prices = 'prices:\n  - outcome: job-entry\n    price: 1000\n  - outcome: apprenticeship-start\n    price: 1500\n  - outcome: job-13-weeks\n    price: 2000\n';

function lint(dir: string, file = 'f.framework.yaml') {
  const run = runCli([file, '--format', 'json'], { cwd: dir });
  return { run, of: (ruleId: string) => findings(run.stdout, ruleId) };
}

describe('requiresAnyOf: an outcome that may follow any of several', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('pays the 13-week job outcome after an apprenticeship too: the maximum follows the dearer route', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship('    excludes: [job-entry]\n') + job13('    requiresAnyOf: [job-entry, apprenticeship-start]\n')),
      'r.ratecard.yaml': cardYaml(`${prices}projection:\n  - cohort: c\n    achievement: { job-entry: 0.3, apprenticeship-start: 0.2, job-13-weeks: 0.4 }\n`),
    });
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    // One participant: apprenticeship 1,500 + 13 weeks 2,000 = 3,500 (the job route: 1,000 + 2,000 = 3,000).
    assert.equal(t.maxPerParticipant.c, '3500.00');
    // 100 × 3,500.
    assert.equal(t.maximumLiability, '350000.00');
    // 100 × (0.3 × 1,000 + 0.2 × 1,500 + 0.4 × 2,000) = 30,000 + 30,000 + 80,000.
    assert.equal(t.expected, '140000.00');
    assert.deepEqual(t.upperBounds ?? {}, {});
    const { of } = lint(dir);
    assert.deepEqual([...of('unpayable-outcome'), ...of('unknown-reference'), ...of('requires-cycle')], []);
    // The 13-week outcome sustains the apprenticeship as well as the job: no finding on either entry.
    assert.deepEqual(of('entry-without-sustainment'), []);
  });

  it('with requires: [job-entry] instead, an apprentice is never paid the 13 weeks (the difference the field makes)', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship('    excludes: [job-entry]\n') + job13('    requires: [job-entry]\n')),
      'r.ratecard.yaml': cardYaml(prices),
    });
    const { t } = totalsJson(dir);
    // The job route, 1,000 + 2,000 = 3,000, against the apprenticeship alone, 1,500.
    assert.equal(t.maxPerParticipant.c, '3000.00');
    assert.equal(t.maximumLiability, '300000.00');
    // And nothing sustains the apprenticeship.
    assert.match(lint(dir).of('entry-without-sustainment').map((f) => f.message).join('\n'), /apprenticeship-start/);
  });

  it('an outcome whose every route it excludes is never paid, reported on requiresAnyOf', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship() + job13('    requiresAnyOf: [job-entry, apprenticeship-start]\n    excludes: [job-entry, apprenticeship-start]\n')),
      'r.ratecard.yaml': cardYaml(prices),
    });
    const [finding, ...rest] = lint(dir).of('unpayable-outcome');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^`job-13-weeks` can never be achieved, so it is never paid: none of the outcomes it may follow \(`job-entry`, `apprenticeship-start`\) can be achieved with what else it needs/);
    assert.match(finding.message, /Remove the `requiresAnyOf` or the `excludes`/);
    // Reported on the `requiresAnyOf` line, where the fix most likely belongs.
    const text = fs.readFileSync(path.join(dir, 'f.framework.yaml'), 'utf8').split('\n');
    assert.match(text[finding.line - 1], /^\s+requiresAnyOf:/);
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 1, 'an error in the framework');
    // job-entry 1,000 + apprenticeship 1,500: the 13 weeks count nothing.
    assert.equal(t.maxPerParticipant.c, '2500.00');
  });

  it('one of the routes being impossible leaves the others: still paid after the other route', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship() + job13('    requiresAnyOf: [job-entry, apprenticeship-start]\n    excludes: [job-entry]\n')),
      'r.ratecard.yaml': cardYaml(prices),
    });
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    // Apprenticeship 1,500 + 13 weeks 2,000 = 3,500, against job entry + apprenticeship = 2,500.
    assert.equal(t.maxPerParticipant.c, '3500.00');
    assert.deepEqual(lint(dir).of('unpayable-outcome'), []);
  });

  it('an unknown id is reported with a did-you-mean, and a loop through a route as a requires-cycle', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), outcomeYaml('job-entry', '    requires: [job-13-weeks]\n') + apprenticeship() + job13('    requiresAnyOf: [job-entri, job-entry]\n')),
    });
    const { of } = lint(dir);
    assert.deepEqual(
      of('unknown-reference').map((f) => f.message),
      ['`requiresAnyOf` names the outcome `job-entri`, which this framework does not define. Did you mean `job-entry`?'],
    );
    const [cycle] = of('requires-cycle');
    assert.match(cycle.message, /in a loop \(one of them through `requiresAnyOf`\): `job-entry` → `job-13-weeks` → `job-entry`|in a loop \(one of them through `requiresAnyOf`\): `job-13-weeks` → `job-entry` → `job-13-weeks`/);
  });

  it('overlapping entries: no excludes fix that would stop the 13-week payments; the message names requiresAnyOf, offered as the term fix', () => {
    const framework = frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship() + job13('    requires: [job-entry]\n'));
    dir = makeWorkspace({ 'f.framework.yaml': framework });
    const [finding, ...rest] = lint(dir).of('overlapping-outcomes');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /would also stop "job-13-weeks" \(job-13-weeks\), which requires job-entry, for everyone who achieves apprenticeship-start/);
    assert.match(finding.message, /`requiresAnyOf: \[job-entry, apprenticeship-start\]`/);
    // Asked to apply contract-term fixes, the requiresAnyOf offered is written first, and only then the excludes
    // (test/cli/overlapping-routes.test.ts): the 13 weeks stay payable after an apprenticeship.
    runCli(['f.framework.yaml', '--fix', '--fix-type', 'term'], { cwd: dir });
    const after = fs.readFileSync(path.join(dir, 'f.framework.yaml'), 'utf8');
    assert.match(after, / {4}requiresAnyOf: \[job-entry, apprenticeship-start\]\n/);
    assert.doesNotMatch(after, /requires: \[job-entry\]/);
  });

  it('overlapping entries that are both routes of the 13 weeks: the excludes fix is offered, and keeps every route paid', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), jobEntry + apprenticeship() + job13('    requiresAnyOf: [job-entry, apprenticeship-start]\n')),
      'r.ratecard.yaml': cardYaml(prices),
    });
    const [finding] = lint(dir).of('overlapping-outcomes');
    assert.match(finding.message, /say so with `excludes: \[job-entry\]` on apprenticeship-start/);
    // Before: both entries and the 13 weeks, 4,500.
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '4500.00');
    runCli(['f.framework.yaml', '--fix', '--fix-type', 'term'], { cwd: dir });
    assert.match(fs.readFileSync(path.join(dir, 'f.framework.yaml'), 'utf8'), /excludes: \[job-entry\]/);
    // After: the apprenticeship route, 1,500 + 2,000: the 13 weeks are still paid.
    assert.equal(totalsJson(dir).t.maxPerParticipant.c, '3500.00');
  });

  it('an outcome with more than 64 routes through requiresAnyOf: the maximum is "at most", with its own reason and what to do', () => {
    // `x` needs `q` (after any of q1–q8) and any of p1–p9: 8 × 9 = 72 routes. Every p and q
    // excludes `z`, so one participant is paid either z (£5,000) or x (£1,000), never both:
    // £5,000 exactly. Counted as if x needed none of its routes, the figure is at most £6,000.
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const outcomes =
      outcomeYaml('z') +
      [...many('p', 9), ...many('q', 8)].map((id) => outcomeYaml(id, '    excludes: [z]\n')).join('') +
      outcomeYaml('q', `    requiresAnyOf: [${many('q', 8).join(', ')}]\n`) +
      outcomeYaml('x', `    requires: [q]\n    requiresAnyOf: [${many('p', 9).join(', ')}]\n`);
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomes),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: z\n    price: 5000\n  - outcome: x\n    price: 1000\n'),
    });
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(t.maxPerParticipant.c, '6000.00');
    assert.equal(t.maximumLiability, '60000.00');
    const reason = t.upperBounds.maximumLiability as string;
    assert.equal(t.upperBounds['maxPerParticipant.c'], reason);
    // Its own words: which outcome, what was too many, what was counted, and what to do.
    assert.match(reason, /^`x` has more than 64 ways to be reached through requiresAnyOf .*too many to search, so it was counted as if it needed none of them\. Name fewer outcomes in requiresAnyOf, or split it into one outcome per route$/);
    assert.doesNotMatch(reason, /exclusive pathways were too many/);
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^c +10 +at most £6,000\.00 +at most £60,000\.00 /m);
    assert.match(table.stdout, /"at most": only an upper bound, as `x` has more than 64 ways to be reached through requiresAnyOf/);
    // The finding that quotes the maximum says it is a bound.
    const liability = lint(dir, 'r.ratecard.yaml').of('uncapped-liability');
    assert.equal(liability.length, 1);
    assert.match(liability[0].message, /at most £60,000\.00/);
  });
});
